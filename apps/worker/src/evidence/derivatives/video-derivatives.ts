import type { EvidenceMedia, OriginalMetadata } from '@app/database';
import { MediaTools, UnreadableMedia } from './media-tools';
import { videoMetadata } from './original-metadata';

/** The demuxer each accepted video type is read with: forced, so ffmpeg never guesses (no playlist, no concat). */
const DEMUXERS: Record<string, { input: string; output: string; extension: string; faststart: boolean }> = {
  'video/mp4': { input: 'mov', output: 'mp4', extension: 'mp4', faststart: true },
  'video/quicktime': { input: 'mov', output: 'mov', extension: 'mov', faststart: true },
  'video/webm': { input: 'matroska', output: 'webm', extension: 'webm', faststart: false },
};

export interface ProbedVideo {
  media: EvidenceMedia;
  metadata: OriginalMetadata;
  codecs: string[];
}

/**
 * ffprobe and ffmpeg on an evidence video, read through one presigned URL: never downloaded whole, never in this
 * process's memory. Untrusted input, so each run: the demuxer of the sniffed type is forced; only the URL's own
 * protocol may be opened (`-protocol_whitelist`, so no `file:`, `concat:`, `subfile:` or other input can be reached
 * from inside the file); no other input; a time limit; bounded output.
 */
export class VideoTools {
  constructor(private readonly tools: MediaTools) {}

  static supports(detectedType: string): boolean {
    return detectedType in DEMUXERS;
  }

  static viewExtension(detectedType: string): string {
    return DEMUXERS[detectedType].extension;
  }

  async probe(url: string, detectedType: string): Promise<ProbedVideo> {
    const out = await this.tools.run('ffprobe', [...inputArgs(url, detectedType), '-show_format', '-show_streams', '-of', 'json'], { maxStdoutBytes: 4 * 1024 * 1024 });
    let probed: FfprobeAnswer;
    try {
      probed = JSON.parse(out.toString('utf8')) as FfprobeAnswer;
    } catch {
      throw new UnreadableMedia('ffprobe gave no readable answer');
    }
    const video = (probed.streams ?? []).find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
    const duration = Number(probed.format?.duration);
    const turned = video && Math.abs(rotationOf(video)) % 180 === 90;
    const media: EvidenceMedia = {
      ...(video?.width && video.height && { width: turned ? video.height : video.width, height: turned ? video.width : video.height }),
      ...(Number.isFinite(duration) && duration >= 0 && { durationSeconds: Math.round(duration * 1000) / 1000 }),
    };
    const tags = Object.assign({}, ...(probed.streams ?? []).map((s) => s.tags ?? {}), probed.format?.tags ?? {}) as Record<string, string>;
    return { media, metadata: videoMetadata(tags), codecs: (probed.streams ?? []).map((s) => s.codec_name).filter((c): c is string => !!c) };
  }

  /** One frame, one second in (or the first, for a shorter video), as displayed (rotation applied), at most 1280 px: PNG bytes. */
  poster(url: string, detectedType: string, durationSeconds: number | undefined): Promise<Buffer> {
    const at = durationSeconds !== undefined && durationSeconds < 2 ? 0 : 1;
    const fit = "scale='if(gt(iw,ih),min(1280,iw),-2)':'if(gt(iw,ih),-2,min(1280,ih))'";
    return this.tools.run(
      'ffmpeg',
      [...baseArgs(), '-ss', String(at), ...inputArgs(url, detectedType), '-map', '0:V:0', '-frames:v', '1', '-vf', fit, '-f', 'image2pipe', '-c:v', 'png', 'pipe:1'],
      { maxStdoutBytes: 32 * 1024 * 1024 },
    );
  }

  /**
   * The view copy: the same video and audio streams (no re-encoding), without the container's metadata (creation time,
   * location, device, chapters) and without data or subtitle streams (phones keep timed location tracks there), written
   * to `outputPath`, at most `maxBytes` long.
   */
  async viewCopy(url: string, detectedType: string, outputPath: string, maxBytes: number): Promise<void> {
    const { output, faststart } = DEMUXERS[detectedType];
    await this.tools.run('ffmpeg', [
      ...baseArgs(),
      ...inputArgs(url, detectedType),
      ...['-map', '0:V?', '-map', '0:a?', '-dn', '-sn'],
      ...['-map_metadata', '-1', '-map_metadata:s', '-1', '-map_chapters', '-1', '-fflags', '+bitexact'],
      ...['-c', 'copy', '-fs', String(maxBytes)],
      ...(faststart ? ['-movflags', '+faststart'] : []),
      ...['-f', output, '-y', outputPath],
    ]);
  }
}

function baseArgs(): string[] {
  return ['-nostdin', '-hide_banner', '-loglevel', 'error'];
}

/** The one input: its demuxer forced, only its own protocol allowed, a stalled connection given up. */
export function inputArgs(url: string, detectedType: string): string[] {
  const demuxer = DEMUXERS[detectedType];
  if (!demuxer) throw new UnreadableMedia(`${detectedType} is not a video type`);
  const protocol = new URL(url).protocol;
  if (protocol !== 'http:' && protocol !== 'https:') throw new Error(`videos are read over HTTP(S), not ${protocol}`);
  const whitelist = protocol === 'https:' ? 'https,tls,tcp' : 'http,tcp';
  return ['-protocol_whitelist', whitelist, '-rw_timeout', '30000000', '-f', demuxer.input, '-i', url];
}

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  disposition?: { attached_pic?: number };
  tags?: Record<string, string>;
  side_data_list?: Array<{ rotation?: number }>;
}

interface FfprobeAnswer {
  streams?: FfprobeStream[];
  format?: { duration?: string; tags?: Record<string, string> };
}

function rotationOf(stream: FfprobeStream): number {
  const side = stream.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation;
  return side ?? Number(stream.tags?.rotate ?? 0);
}
