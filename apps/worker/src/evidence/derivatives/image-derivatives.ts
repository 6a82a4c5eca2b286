import type { EvidenceMedia, OriginalMetadata } from '@app/database';
import { HASH_INPUT_SIDE, perceptualHash, THUMBNAIL_MAX_SIDE } from '@app/domain';
import sharp from 'sharp';
import { UnreadableMedia } from './media-tools';
import { photoMetadata } from './original-metadata';

// A worker sees each photo once: libvips' operation cache would only hold memory.
sharp.cache(false);

export interface MadeImage {
  bytes: Buffer;
  contentType: string;
  extension: string;
}

export interface ImageDerivatives {
  view: MadeImage;
  thumbnail: MadeImage;
  media: EvidenceMedia;
  metadata: OriginalMetadata;
  hash: bigint;
}

export interface ImageLimits {
  maxPixels: number;
  timeoutMs: number;
}

/**
 * An image's view copy and thumbnail (API.md "Derivatives"), the summary of its metadata and its perceptual hash.
 *
 * Every output is re-encoded from the decoded pixels, orientation applied, so nothing of the original's EXIF, GPS, XMP,
 * IPTC or ICC blocks survives: JPEG stays JPEG, PNG stays PNG (lossless screenshots, transparency), WebP stays WebP, a
 * decoded HEIC becomes JPEG (PNG when it has an alpha channel). The pixel count is checked from the header before
 * anything is decoded: a decompression bomb is refused, never rendered.
 *
 * `orient: false` for pixels whose orientation was applied already (heif-convert applies HEIF's own transforms; the
 * EXIF orientation it copies along is stale).
 */
export async function imageDerivatives(input: Buffer, limits: ImageLimits, options: { orient: boolean; sourceType: string }): Promise<ImageDerivatives> {
  try {
    const decode = () => {
      const image = sharp(input, { limitInputPixels: limits.maxPixels, failOn: 'error' }).timeout({ seconds: Math.max(1, Math.ceil(limits.timeoutMs / 1000)) });
      return options.orient ? image.autoOrient() : image;
    };
    const header = await sharp(input, { limitInputPixels: limits.maxPixels }).metadata();
    if (header.width * header.height > limits.maxPixels) throw new UnreadableMedia(`the image declares ${header.width}×${header.height} pixels, more than allowed`);
    const format = outputFormat(options.sourceType, header.hasAlpha);
    // One after the other: each decode of a 12-megapixel photo holds its pixels (orientation needs them all), and two
    // photos are in the works at once (the media queue's concurrency).
    const view = await encode(decode(), format, 90);
    const thumbnail = await encode(decode().resize(THUMBNAIL_MAX_SIDE, THUMBNAIL_MAX_SIDE, { fit: 'inside', withoutEnlargement: true }), header.hasAlpha ? 'png' : 'jpeg', 80);
    const grey = await decode()
      .flatten({ background: '#ffffff' })
      .greyscale()
      .resize(HASH_INPUT_SIDE, HASH_INPUT_SIDE, { fit: 'fill' })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return {
      view: view.made,
      thumbnail: thumbnail.made,
      media: { width: view.width, height: view.height },
      metadata: photoMetadata(header.exif, header.xmpAsString),
      hash: perceptualHash(new Uint8Array(grey.data.buffer, grey.data.byteOffset, HASH_INPUT_SIDE * HASH_INPUT_SIDE)),
    };
  } catch (error) {
    if (error instanceof UnreadableMedia) throw error;
    throw new UnreadableMedia(`the image could not be decoded: ${(error as Error).message}`);
  }
}

type Format = 'jpeg' | 'png' | 'webp';

function outputFormat(sourceType: string, hasAlpha: boolean): Format {
  if (sourceType === 'image/png') return 'png';
  if (sourceType === 'image/webp') return 'webp';
  return hasAlpha ? 'png' : 'jpeg';
}

const CONTENT_TYPES: Record<Format, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
const EXTENSIONS: Record<Format, string> = { jpeg: 'jpg', png: 'png', webp: 'webp' };

async function encode(image: sharp.Sharp, format: Format, quality: number): Promise<{ made: MadeImage; width: number; height: number }> {
  // No optimised Huffman tables: they make the encoder hold the whole image's coefficients (a 12-megapixel photo
  // peaked at 440 MiB instead of 175 MiB, and took twice as long) for files about 5 % smaller.
  const encoded = format === 'png' ? image.png({ compressionLevel: 6 }) : format === 'webp' ? image.webp({ quality }) : image.jpeg({ quality, optimiseCoding: false });
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
  return { made: { bytes: data, contentType: CONTENT_TYPES[format], extension: EXTENSIONS[format] }, width: info.width, height: info.height };
}

/** A video's poster: its frame (PNG from ffmpeg) as a JPEG, and the frame's perceptual hash. */
export async function posterDerivative(frame: Buffer, limits: ImageLimits): Promise<{ poster: MadeImage; hash: bigint }> {
  const made = await imageDerivatives(frame, limits, { orient: false, sourceType: 'image/jpeg' });
  return { poster: made.view, hash: made.hash };
}
