import type { OriginalMetadata } from '@app/database';
import exifReader from 'exif-reader';

/**
 * The summary of an original's metadata that staff see (API.md Evidence `metadata`): when it was taken, on what, and
 * whether it carried a location. A time without a zone is taken as UTC. Whatever cannot be read counts as absent.
 */
export function photoMetadata(exif: Buffer | undefined, xmp: string | undefined): OriginalMetadata {
  const tags = readExif(exif);
  const photo = tags?.Photo ?? {};
  const taken = validDate(photo.DateTimeOriginal) ?? validDate(photo.DateTimeDigitized) ?? validDate(tags?.Image?.DateTime);
  const offset = typeof photo.OffsetTimeOriginal === 'string' ? photo.OffsetTimeOriginal : undefined;
  const gps = tags?.GPSInfo;
  const hadLocation =
    (gps !== undefined && (gps.GPSLatitude !== undefined || gps.GPSLongitude !== undefined)) || /GPS(Latitude|Longitude)\b/.test(xmp ?? '');
  return summary(taken && withOffset(taken, offset), device(tags?.Image?.Make, tags?.Image?.Model), hadLocation);
}

/** From a video container's tags (ffprobe's `format.tags`, and its streams'): QuickTime and Android keys alike. */
export function videoMetadata(tags: Record<string, string>): OriginalMetadata {
  const find = (...names: string[]) => names.map((name) => tags[name]).find((value) => typeof value === 'string' && value.trim());
  const created = find('com.apple.quicktime.creationdate', 'creation_time', 'date');
  const taken = created ? validDate(new Date(hasZone(created) ? created : `${created}Z`)) : undefined;
  const hadLocation = Object.keys(tags).some((key) => /(^|\.)location(\.ISO6709)?(-[a-z]{3})?$|xyz$/i.test(key));
  return summary(
    taken,
    device(find('com.apple.quicktime.make', 'make', 'com.android.manufacturer'), find('com.apple.quicktime.model', 'model', 'com.android.model')),
    hadLocation,
  );
}

function readExif(exif: Buffer | undefined): ReturnType<typeof exifReader> | null {
  if (!exif?.length) return null;
  try {
    return exifReader(exif);
  } catch {
    return null; // hostile or broken EXIF: nothing to summarise
  }
}

function summary(capturedAt: Date | undefined, device: string | undefined, hadLocation: boolean): OriginalMetadata {
  return { ...(capturedAt && { capturedAt: capturedAt.toISOString() }), ...(device && { device }), hadLocation };
}

/** "Make Model", without the make twice ("Canon" + "Canon EOS R5" is "Canon EOS R5"). */
function device(make: unknown, model: unknown): string | undefined {
  const clean = (value: unknown) => (typeof value === 'string' ? value.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 100) : '');
  const [m, d] = [clean(make), clean(model)];
  if (!m) return d || undefined;
  if (!d) return m;
  return d.toLowerCase().startsWith(m.toLowerCase()) ? d : `${m} ${d}`;
}

/** EXIF times carry no zone (exif-reader reads them as UTC); OffsetTimeOriginal ("+02:00") says which one, when present. */
function withOffset(taken: Date, offset: string | undefined): Date {
  const match = offset?.match(/^([+-])(\d{2}):(\d{2})$/);
  if (!match) return taken;
  const minutes = (Number(match[2]) * 60 + Number(match[3])) * (match[1] === '+' ? 1 : -1);
  return new Date(taken.getTime() - minutes * 60_000);
}

const hasZone = (value: string) => /(Z|[+-]\d{2}:?\d{2})$/i.test(value.trim());

function validDate(value: unknown): Date | undefined {
  return value instanceof Date && !Number.isNaN(value.getTime()) && value.getUTCFullYear() > 1900 ? value : undefined;
}
