import { evidenceKindOf, normalizeMediaType, sniffMediaType } from './evidence-media';

describe('evidence media types', () => {
  it('accepts the types of DOMAIN.md by kind, whatever the case or parameters', () => {
    expect(evidenceKindOf('image/jpeg')).toBe('image');
    expect(evidenceKindOf('Video/QuickTime')).toBe('video');
    expect(evidenceKindOf('text/plain; charset=utf-8')).toBe('document');
    expect(evidenceKindOf('image/heif')).toBe('image');
    expect(normalizeMediaType('image/heif')).toBe('image/heic');
    expect(evidenceKindOf('application/zip')).toBeNull();
    expect(evidenceKindOf('image/svg+xml')).toBeNull();
  });

  it('sniffs formats from their magic numbers, not from any name', async () => {
    expect(await sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, ...new Array(64).fill(7)]))).toBe('image/jpeg');
    expect(await sniffMediaType(Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'))).toBe('application/pdf');
    expect(await sniffMediaType(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0, ...new Array(64).fill(0)]))).toBe('application/zip');
  });

  it('takes UTF-8 without NUL bytes as plain text, even cut mid-character', async () => {
    const chat = Buffer.from('[10:02] buyer: 货物破损 — see photos');
    expect(await sniffMediaType(chat)).toBe('text/plain');
    expect(await sniffMediaType(chat.subarray(0, chat.length - 20))).toBe('text/plain');
    expect(await sniffMediaType(Buffer.from('abc\u0000def'))).toBeNull();
    expect(await sniffMediaType(Buffer.from([0xc3, 0x28, 0x41, 0x42]))).toBeNull();
    expect(await sniffMediaType(Buffer.alloc(0))).toBeNull();
  });
});
