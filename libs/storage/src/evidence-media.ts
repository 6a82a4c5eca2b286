import type { EvidenceKind } from '@app/domain';
import { fileTypeFromBuffer } from 'file-type';

/** DOMAIN.md "Evidence": the media types accepted, by kind. Anything else is refused or rejected. */
export const EVIDENCE_MEDIA_TYPES: Readonly<Record<string, EvidenceKind>> = Object.freeze({
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
  'image/heic': 'image',
  'video/mp4': 'video',
  'video/quicktime': 'video',
  'video/webm': 'video',
  'application/pdf': 'document',
  'text/plain': 'document',
});

/** How many leading bytes type sniffing looks at; every format accepted is recognisable well within them. */
export const SNIFF_BYTES = 64 * 1024;

// Phones and file-type name HEIC images either way.
const ALIASES: Readonly<Record<string, string>> = { 'image/heif': 'image/heic' };

/** `Text/Plain; charset=utf-8` → `text/plain`; aliases to the name EVIDENCE_MEDIA_TYPES uses. */
export function normalizeMediaType(mediaType: string): string {
  const bare = mediaType.split(';')[0].trim().toLowerCase();
  return ALIASES[bare] ?? bare;
}

/** The evidence kind of an accepted media type, or null when the type is not accepted. */
export function evidenceKindOf(mediaType: string): EvidenceKind | null {
  return EVIDENCE_MEDIA_TYPES[normalizeMediaType(mediaType)] ?? null;
}

/**
 * The media type the bytes themselves say, from the first SNIFF_BYTES of an object; null when unknown.
 * Plain text has no magic number: no recognised format, valid UTF-8 and no NUL byte is taken as text.
 */
export async function sniffMediaType(head: Uint8Array): Promise<string | null> {
  const found = await fileTypeFromBuffer(head);
  if (found) return normalizeMediaType(found.mime);
  return looksLikeText(head) ? 'text/plain' : null;
}

function looksLikeText(head: Uint8Array): boolean {
  if (head.length === 0 || head.includes(0)) return false;
  try {
    // `stream: true`: a character cut in two at the end of the head is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}
