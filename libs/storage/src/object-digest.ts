import { createHash } from 'node:crypto';
import { SNIFF_BYTES } from './evidence-media';

/**
 * Size, SHA-256 and the first bytes (for sniffing) of a stream, taken as the bytes pass through:
 * nothing beyond the head is kept, so objects of any size are digested in constant memory.
 */
export class ObjectDigest {
  private readonly hash = createHash('sha256');
  private readonly headChunks: Buffer[] = [];
  private headLength = 0;
  size = 0;

  constructor(private readonly headBytes = SNIFF_BYTES) {}

  update(chunk: Buffer): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    if (this.headLength < this.headBytes) {
      // A copy: the source may reuse its buffers.
      const taken = Buffer.from(chunk.subarray(0, this.headBytes - this.headLength));
      this.headChunks.push(taken);
      this.headLength += taken.length;
    }
  }

  get headComplete(): boolean {
    return this.headLength >= this.headBytes;
  }

  get head(): Buffer {
    return Buffer.concat(this.headChunks, this.headLength);
  }

  /** Hex digest; call once, after the last chunk. */
  sha256(): string {
    return this.hash.digest('hex');
  }
}

/** Digests a whole stream. */
export async function digestStream(source: AsyncIterable<Buffer>): Promise<{ size: number; sha256: string; head: Buffer }> {
  const digest = new ObjectDigest();
  for await (const chunk of source) digest.update(chunk);
  return { size: digest.size, sha256: digest.sha256(), head: digest.head };
}
