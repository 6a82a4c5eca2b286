/**
 * Files larger than this are opened in a new tab rather than read into the page to be saved under their name
 * (the browser would hold the whole file in memory); the browser saves them from there.
 */
export const SAVE_IN_PAGE_MAX_BYTES = 200 * 1024 * 1024;

/** The bytes behind an inline link; storage lets the console's own origin read them (the bucket's CORS rule). */
export async function linkBlob(url: string, signal?: AbortSignal): Promise<Blob> {
  const res = await fetch(url, { signal });
  if (!res.ok) throw new Error(`Storage answered ${res.status}: the link may have expired. Try again.`);
  return res.blob();
}

/** Saves bytes under the item's own file name. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  Object.assign(document.createElement('a'), { href: url, download: fileName }).click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
};

/**
 * The name a saved file gets: the uploader's, with the extension of what is saved (a HEIC photo's view copy is a
 * JPEG), and without control or direction-changing characters (a name that reads "gpj.exe" backwards).
 */
export function savedFileName(fileName: string, contentType: string): string {
  const clean = fileName.replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim() || 'evidence';
  const extension = EXTENSIONS[contentType];
  if (!extension) return clean;
  const stem = clean.replace(/\.[^.]{1,5}$/, '');
  return `${stem || 'evidence'}.${extension}`;
}
