import sharp from 'sharp';
import { photoMetadata, videoMetadata } from './original-metadata';

const exifOf = async (exif: Record<string, Record<string, string>>) =>
  (await sharp(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } }).jpeg().withExif(exif).toBuffer()).metadata()).exif;

describe('the summary of an original’s metadata', () => {
  it('reads capture time, "Make Model" and whether there was a location from a photo’s EXIF', async () => {
    const exif = await exifOf({
      IFD0: { Make: 'Canon', Model: 'Canon EOS R5' },
      IFD2: { DateTimeOriginal: '2025:12:31 23:59:58' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '1/1 0/1 0/1' },
    });
    // Without a zone, the time is taken as UTC; the make is not repeated.
    expect(photoMetadata(exif, undefined)).toEqual({ capturedAt: '2025-12-31T23:59:58.000Z', device: 'Canon EOS R5', hadLocation: true });
  });

  it('applies OffsetTimeOriginal when the camera wrote one', async () => {
    const exif = await exifOf({ IFD2: { DateTimeOriginal: '2026:03:14 09:26:53', OffsetTimeOriginal: '+02:00' } });
    expect(photoMetadata(exif, undefined)).toEqual({ capturedAt: '2026-03-14T07:26:53.000Z', hadLocation: false });
  });

  it('finds a location given in XMP only, and shrugs off EXIF that is broken or absent', () => {
    expect(photoMetadata(undefined, '<x:xmpmeta><rdf:Description exif:GPSLatitude="48,51.5N"/></x:xmpmeta>')).toEqual({ hadLocation: true });
    expect(photoMetadata(Buffer.from('Exif\0\0garbage that is no TIFF header'), undefined)).toEqual({ hadLocation: false });
    expect(photoMetadata(undefined, undefined)).toEqual({ hadLocation: false });
  });

  it('reads a video container’s QuickTime and Android tags', () => {
    expect(
      videoMetadata({ 'com.apple.quicktime.creationdate': '2026-03-14T10:00:00+0100', 'com.apple.quicktime.make': 'Apple', 'com.apple.quicktime.model': 'iPhone 15', 'com.apple.quicktime.location.ISO6709': '+48.8584+002.2945/' }),
    ).toEqual({ capturedAt: '2026-03-14T09:00:00.000Z', device: 'Apple iPhone 15', hadLocation: true });
    expect(videoMetadata({ creation_time: '2026-01-01T08:00:00.000000Z', 'com.android.manufacturer': 'Google', 'com.android.model': 'Pixel 8', 'location-eng': '+1+2/' })).toEqual({
      capturedAt: '2026-01-01T08:00:00.000Z',
      device: 'Google Pixel 8',
      hadLocation: true,
    });
    expect(videoMetadata({ creation_time: '2026-01-01 08:00:00', encoder: 'Lavf' })).toEqual({ capturedAt: '2026-01-01T08:00:00.000Z', hadLocation: false });
    expect(videoMetadata({ creation_time: 'yesterday' })).toEqual({ hadLocation: false });
  });
});
