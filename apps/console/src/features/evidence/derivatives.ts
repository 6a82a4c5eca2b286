import type { Evidence } from './use-evidence';

type DerivativeStatus = Evidence['derivatives']['view'];
type Picture = 'thumbnail' | 'poster' | 'preview';

/** Whether the viewer is given the original where there is no view copy: its uploader and staff (API.md `links`). */
export function seesOriginal(viewer: { role: string; userId: string }, item: Evidence): boolean {
  return viewer.userId === item.uploadedBy || viewer.role === 'specialist' || viewer.role === 'reviewer';
}

/** Whether `links` has something for this viewer now: the item is available, and a view copy they may be given. */
export function linksAvailable(item: Evidence, mayOriginal: boolean): boolean {
  return item.status === 'available' && (mayOriginal || item.derivatives.view === 'ready');
}

const PICTURE_OF: Record<Evidence['kind'], Picture | null> = { image: 'thumbnail', video: 'poster', document: 'preview' };
const PICTURE_WORD: Record<Picture, string> = { thumbnail: 'thumbnail', poster: 'poster', preview: 'preview' };
const KIND_WORD: Record<Evidence['kind'], string> = { image: 'photo', video: 'video', document: 'document' };

/** Why a derivative is not there, in words: `missing` is this server's tools, `failed` the file itself. */
function absentBecause(status: Exclude<DerivativeStatus, 'ready' | 'pending'>, item: Evidence): string {
  return status === 'missing' ? 'this server cannot make one' : `the ${KIND_WORD[item.kind]} could not be read`;
}

/** What a gallery tile shows: a derivative's picture, or a sentence (with whether it is still coming). */
export type TilePicture = { picture: Picture } | { text: string; pending: boolean };

export function tilePicture(item: Evidence, mayOriginal: boolean): TilePicture {
  const kindLabel = { image: 'Photo', video: 'Video', document: 'Document' }[item.kind];
  if (item.status !== 'available') return { text: kindLabel, pending: false };
  const name = PICTURE_OF[item.kind];
  const status = name ? item.derivatives[name] : undefined;
  // A chat log (plain text) has no picture: its kind says what it is.
  if (!name || !status) return { text: kindLabel, pending: false };
  if (status === 'pending') return { text: `Making the ${PICTURE_WORD[name]}…`, pending: true };
  if (status !== 'ready') return { text: `No ${PICTURE_WORD[name]}: ${absentBecause(status, item)}`, pending: false };
  // The other party is given nothing until the copy without metadata exists (the thumbnail included).
  if (!linksAvailable(item, mayOriginal)) return viewAbsence(item) ?? { text: kindLabel, pending: false };
  return { picture: name };
}

/**
 * Why this viewer cannot open the item, or null when they can: for the other party, the view copy still being
 * made or not made at all (they never get the original).
 */
export function viewAbsence(item: Evidence): { text: string; pending: boolean } | null {
  const status = item.derivatives.view;
  if (status === 'ready') return null;
  if (status === 'pending') return { text: 'The copy without its metadata is being made: it shows here when ready.', pending: true };
  return {
    text: `The copy without its metadata could not be made (${absentBecause(status, item)}): only its uploader and the trade specialists can open this ${KIND_WORD[item.kind]}.`,
    pending: false,
  };
}

/** For the uploader and staff, when what they see is the original because the view copy is not there (yet). */
export function originalShownNote(item: Evidence): string | null {
  const status = item.derivatives.view;
  if (item.kind === 'document' || status === 'ready') return null;
  if (status === 'pending') return 'Showing the original: the copy without metadata that the other side sees is being made.';
  return `Showing the original: the copy without metadata could not be made (${absentBecause(status, item)}), so the other side cannot open it.`;
}

/** Whether the list should be asked again soon: something is being verified, or a derivative is still being made. */
export function stillBeingMade(items: Evidence[], now: number): boolean {
  // A derivative pending for ten minutes is not coming soon (a worker is down): stop asking every few seconds.
  const recent = (item: Evidence) => !item.availableAt || now - Date.parse(item.availableAt) < 10 * 60_000;
  return items.some((item) => item.status === 'verifying' || (item.status === 'available' && recent(item) && Object.values(item.derivatives).includes('pending')));
}
