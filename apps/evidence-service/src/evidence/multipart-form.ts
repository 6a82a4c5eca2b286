import { DomainError } from '@app/domain';
import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';

export interface IncomingFile {
  stream: Readable;
  fileName: string;
  /** The part's Content-Type, as the client sent it. */
  mediaType: string;
}

export interface FormLimits {
  fileField: string;
  maxFileBytes: number;
  maxFieldBytes: number;
}

/**
 * Reads a multipart/form-data request as it arrives: text fields, and one file handed to `onFile` as a stream
 * (the request is never held in memory). Rejects with 413 the moment the file passes `maxFileBytes`; on any
 * failure the rest of the body is read and dropped, so the client can still read the answer, and the promise
 * settles only once `onFile` has.
 */
export function readMultipartForm<T>(
  req: IncomingMessage,
  limits: FormLimits,
  onFile: (file: IncomingFile) => Promise<T>,
): Promise<{ fields: Record<string, string>; file: T }> {
  let parser: busboy.Busboy;
  try {
    // One byte over the limit: busboy flags a file that reaches its limit exactly. File names are UTF-8, as
    // browsers and curl send them (busboy's default, latin1, turns "货物.jpg" into mojibake).
    parser = busboy({
      headers: req.headers,
      defParamCharset: 'utf8',
      limits: { files: 1, fields: 10, fieldSize: limits.maxFieldBytes, fileSize: limits.maxFileBytes + 1 },
    });
  } catch {
    return Promise.reject(new DomainError('validation_failed', 'The body must be multipart/form-data', limits.fileField));
  }
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let upload: Promise<T> | undefined;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      parser.destroy();
      req.resume();
      // The file's consumer finishes first (its stream is destroyed), so the caller can clean up after it.
      void (upload ?? Promise.resolve())
        .catch(() => undefined)
        .then(() => reject(error));
    };
    parser.on('field', (name, value) => (fields[name] = value));
    parser.on('file', (name, stream, info) => {
      if (name !== limits.fileField || upload) return stream.resume();
      stream.once('limit', () => stream.destroy(new DomainError('payload_too_large', `A direct upload may be at most ${limits.maxFileBytes} bytes`, name)));
      upload = onFile({ stream, fileName: info.filename ?? 'upload', mediaType: info.mimeType });
      upload.catch(fail);
    });
    parser.once('error', fail);
    parser.once('finish', () => {
      if (!upload) return fail(new DomainError('validation_failed', `The form has no file in "${limits.fileField}"`, limits.fileField));
      upload.then((file) => {
        settled = true;
        resolve({ fields, file });
      }, fail);
    });
    req.once('close', () => req.complete || fail(new DomainError('validation_failed', 'The client closed the connection mid-upload')));
    req.pipe(parser);
  });
}
