/**
 * `attachment` with the uploader's file name: an ASCII fallback for old clients plus the exact name in
 * RFC 8187 form. Quotes, backslashes and control characters never reach the header.
 */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc8187(fileName)}`;
}

/** The extensions each accepted type is saved under; the first is given to a name that has none of them. */
const EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'image/heic': ['heic', 'heif'],
  'video/mp4': ['mp4', 'm4v'],
  'video/quicktime': ['mov', 'qt'],
  'video/webm': ['webm'],
  'application/pdf': ['pdf'],
  'text/plain': ['txt', 'log'],
};

// C0 and C1 controls, DEL, and the characters that reorder or hide text (bidi overrides, isolates and marks,
// zero-width ones): "invoice\u202Efdp.exe" must not show as "invoiceexe.pdf". Path separators too.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff/\\]/g;

/**
 * The name a download is offered under (API.md "Evidence service"): the uploader's name without control or
 * bidi characters, its extension that of the type the bytes were found to be, whatever the uploader called it:
 * `photo.html` with JPEG bytes downloads as `photo.jpg`, `statement.hta` with text as `statement.txt`.
 */
export function downloadFileName(fileName: string, detectedType: string): string {
  const extensions = EXTENSIONS[detectedType] ?? ['bin'];
  const clean = fileName.replace(UNSAFE, '').trim();
  const dot = clean.lastIndexOf('.');
  const extension = dot > 0 ? clean.slice(dot + 1) : '';
  // "Invoice no. 5" has no extension to replace; "photo.html" has one.
  const hasExtension = /^[a-z0-9]{1,8}$/i.test(extension);
  if (hasExtension && extensions.includes(extension.toLowerCase())) return clean;
  const stem = (hasExtension ? clean.slice(0, dot) : clean).replace(/[.\s]+$/, '');
  return `${stem || 'evidence'}.${extensions[0]}`;
}

function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
