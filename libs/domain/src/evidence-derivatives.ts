import type { Actor } from './case-types';
import type { EvidenceKind } from './policy';

/** API.md "Derivatives": what is made from an available item, per kind. */
export const DERIVATIVE_NAMES = ['view', 'thumbnail', 'poster', 'preview'] as const;
export type DerivativeName = (typeof DERIVATIVE_NAMES)[number];

export const DERIVATIVE_STATUSES = ['pending', 'ready', 'missing', 'failed'] as const;
/** `missing`: it cannot be made here (a tool is not installed); `failed`: the file could not be read. */
export type DerivativeStatus = (typeof DERIVATIVE_STATUSES)[number];

/** The longest side of a thumbnail, in pixels (API.md). */
export const THUMBNAIL_MAX_SIDE = 320;

/**
 * The derivatives an item gets: images a view copy and a thumbnail, videos a view copy and a poster frame, PDFs a
 * first-page preview. A document's view copy is the document itself (API.md: "the view copy of a PDF is the PDF
 * itself"; a chat log has no metadata to remove), so it is ready as soon as the item is available.
 */
export function derivativesFor(kind: EvidenceKind, detectedType: string | null): DerivativeName[] {
  if (kind === 'image') return ['view', 'thumbnail'];
  if (kind === 'video') return ['view', 'poster'];
  return detectedType === 'application/pdf' ? ['view', 'preview'] : ['view'];
}

export function viewIsOriginal(kind: EvidenceKind): boolean {
  return kind === 'document';
}

/**
 * DOMAIN.md "Evidence", privacy: the original (with its EXIF, GPS, container metadata) and the summary of its metadata
 * are for its uploader and staff (specialists and reviewers); everyone else, the other party first, gets the view copy.
 */
export function seesOriginal(viewer: Actor, uploadedBy: string): boolean {
  return viewer.id === uploadedBy || viewer.role === 'specialist' || viewer.role === 'reviewer';
}

/**
 * What `view` (in links and downloads) serves to a viewer: the view copy once ready; while it is pending, or when it
 * could not be made, the original to those who may see it, and nothing to anyone else: the other party never gets an
 * original, not even as a fallback.
 */
export function viewSource(viewStatus: DerivativeStatus, mayseeOriginal: boolean): 'view' | 'original' | null {
  if (viewStatus === 'ready') return 'view';
  return mayseeOriginal ? 'original' : null;
}

/**
 * Each derivative's status as clients see it (API.md Evidence `derivatives`): `pending` until the item is available and
 * the derivatives step has run, `missing` for an item that never became available (rejected); a document's view copy,
 * the document itself, is ready once the item is.
 */
export function derivativeStatuses(
  item: { kind: EvidenceKind; type: string; status: string },
  recorded: Partial<Record<DerivativeName, { status: DerivativeStatus }>>,
): Partial<Record<DerivativeName, DerivativeStatus>> {
  const statusOf = (name: DerivativeName): DerivativeStatus => {
    if (item.status === 'rejected') return 'missing';
    if (item.status !== 'available') return 'pending';
    if (name === 'view' && viewIsOriginal(item.kind)) return 'ready';
    return recorded[name]?.status ?? 'pending';
  };
  return Object.fromEntries(derivativesFor(item.kind, item.type).map((name) => [name, statusOf(name)]));
}
