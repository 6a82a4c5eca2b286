import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { mp4Video, pdfDocument, phonePhoto } from '../../../../libs/testing/src/fixtures/media-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'arbiter-console-media-'));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Buffer) => {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** A real PNG photo stand-in (a dented-box pattern in the given colour), so thumbnails show something. */
export function photo(name: string, width = 480, height = 360, hue: [number, number, number] = [196, 140, 80]): string {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const edge = x < 12 || y < 12 || x > width - 13 || y > height - 13 || Math.abs(x - y * (width / height)) < 4;
      const shade = edge ? 0.45 : 0.85 + 0.15 * Math.sin(x / 17) * Math.cos(y / 23);
      row[1 + x * 3] = Math.min(255, hue[0] * shade);
      row[2 + x * 3] = Math.min(255, hue[1] * shade);
      row[3 + x * 3] = Math.min(255, hue[2] * shade);
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
  return write(name, png);
}

/** A real, playable MP4 of `size` bytes (large enough for multipart): two seconds of H.264, then a `free` box
 *  of padding, which players and ffprobe skip, so it gets its poster and view copy like a phone's video. */
export async function largeVideo(name: string, size: number): Promise<string> {
  const playable = await mp4Video(2);
  const padding = Buffer.alloc(size - playable.length);
  padding.writeUInt32BE(padding.length, 0);
  padding.write('free', 4, 'latin1');
  return write(name, Buffer.concat([playable, padding]));
}

/** An MP4 only by its first bytes (an `ftyp` box, then random data): sniffed as video/mp4, but unplayable. */
export function unreadableVideo(name: string, size: number): string {
  const box = Buffer.alloc(24);
  box.writeUInt32BE(24, 0);
  box.write('ftypisom', 4, 'latin1');
  box.writeUInt32BE(0x200, 12);
  box.write('isommp41', 16, 'latin1');
  return write(name, Buffer.concat([box, randomBytes(size - box.length)]));
}

/** A phone's JPEG: camera, capture time and GPS in its EXIF, stored sideways (1600 × 1200, shown 1200 × 1600). */
export async function gpsPhoto(name: string, goods: number): Promise<{ path: string; bytes: Buffer }> {
  const bytes = await phonePhoto(goods);
  return { path: write(name, bytes), bytes };
}

/** What a buyer recycling someone's photo uploads: turned upright, resized to 80 % and re-encoded, no EXIF left. */
export async function resizedCopy(name: string, original: Buffer): Promise<string> {
  return write(name, await sharp(original).autoOrient().resize(960).jpeg({ quality: 70 }).toBuffer());
}

/** A real MP4 (H.264 and AAC) whose container names a place and a time: it gets a poster and a view copy. */
export async function playableVideo(name: string, seconds = 2): Promise<string> {
  return write(name, await mp4Video(seconds));
}

/** A real PDF of a few pages: it gets a preview of page one. */
export async function inspectionReport(name: string, pages = 2): Promise<string> {
  return write(name, await pdfDocument(pages));
}

export function file(name: string, bytes: Buffer): string {
  return write(name, bytes);
}

function write(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

export const MIB = 1024 * 1024;
