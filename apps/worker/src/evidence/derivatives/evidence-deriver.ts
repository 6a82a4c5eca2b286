import { APP_CONFIG, AppConfig, Clock, CLOCK } from '@app/config';
import { Derivation, DerivativeRecords, EvidenceDerivativesStore, EvidenceEntity, OriginalMetadata } from '@app/database';
import { DerivativeName, derivativesFor, DerivativeStatus } from '@app/domain';
import { derivativeKey, EvidenceObjects } from '@app/storage';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import { ImageLimits, imageDerivatives, MadeImage, posterDerivative } from './image-derivatives';
import { MediaTools, UnreadableMedia } from './media-tools';
import { PdfTools } from './pdf-derivatives';
import { VideoTools } from './video-derivatives';

/** What one kind's step made: the derivation to record, and the perceptual hash of its picture if it has one. */
interface Made {
  derivation: Derivation;
  hash?: bigint;
}

const VIDEO_VIEW_SLACK_BYTES = 16 * 1024 * 1024;

/**
 * The derivatives step (API.md "Derivatives"), run by the workers once an item is `available`: view copies without
 * metadata, thumbnails, posters and previews under keys only the workers write, the media facts, the summary of the
 * original's metadata for staff, and the perceptual hash that finds other buyers' near copies.
 *
 * The item is usable before and whatever happens here: a derivative whose tool is not installed is `missing`, one that
 * the file defeats (unreadable, too large, too slow) is `failed`, and nothing stops the case. Storage or database
 * trouble is thrown, so the job is retried; every write is keyed by the item, so a repeated step writes the same again.
 * The original is only ever read.
 */
@Injectable()
export class EvidenceDeriver {
  private readonly logger = new Logger(EvidenceDeriver.name);
  private readonly limits: ImageLimits;
  private readonly video: VideoTools;
  private readonly pdf: PdfTools;

  constructor(
    private readonly dataSource: DataSource,
    private readonly objects: EvidenceObjects,
    private readonly tools: MediaTools,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.limits = { maxPixels: config.media.maxImagePixels, timeoutMs: config.media.timeoutMs };
    this.video = new VideoTools(tools);
    this.pdf = new PdfTools(tools);
  }

  /** A late or repeated job finds the item derived already (or not available) and does nothing. */
  async derive(evidenceId: string): Promise<Derivation | null> {
    const item = await this.dataSource.manager.findOneBy(EvidenceEntity, { id: evidenceId });
    if (!item || item.status !== 'available' || item.derivedAt || !item.detectedType) return null;
    const work = await mkdtemp(join(tmpdir(), 'arbiter-derive-'));
    try {
      const made = await this.make(item, item.detectedType, work);
      if (made.hash !== undefined) await this.recordHash(item, made.hash);
      await EvidenceDerivativesStore.record(this.dataSource.manager, item.id, made.derivation, this.clock.now());
      return made.derivation;
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  private make(item: EvidenceEntity, detectedType: string, work: string): Promise<Made> {
    if (item.kind === 'image') return this.image(item, detectedType, work);
    if (item.kind === 'video') return this.videoItem(item, detectedType, work);
    return this.document(item, detectedType, work);
  }

  private async image(item: EvidenceEntity, detectedType: string, work: string): Promise<Made> {
    const heic = detectedType === 'image/heic';
    if (heic && !this.tools.has('heif-convert')) return { derivation: allOf(item, detectedType, 'missing') };
    const original = await this.readWhole(item);
    if (!original) return { derivation: allOf(item, detectedType, 'failed') };
    try {
      const pixels = heic ? await this.decodeHeic(original, work) : original;
      const made = await imageDerivatives(pixels, this.limits, { orient: !heic, sourceType: detectedType });
      return {
        derivation: {
          derivatives: { view: await this.store(item, 'view', made.view), thumbnail: await this.store(item, 'thumbnail', made.thumbnail) },
          media: made.media,
          originalMetadata: made.metadata,
        },
        hash: made.hash,
      };
    } catch (error) {
      if (!(error instanceof UnreadableMedia)) throw error;
      this.logger.warn(`image ${item.id}: ${error.message}`);
      return { derivation: allOf(item, detectedType, 'failed') };
    }
  }

  /** heif-convert writes PNG (lossless, alpha kept), HEIF's rotations and mirrors applied. */
  private async decodeHeic(original: Buffer, work: string): Promise<Buffer> {
    const input = join(work, 'original.heic');
    const output = join(work, 'decoded.png');
    await writeFile(input, original);
    await this.tools.run('heif-convert', ['--quiet', input, output]);
    return readFile(output);
  }

  private async videoItem(item: EvidenceEntity, detectedType: string, work: string): Promise<Made> {
    const derivation: Derivation = { derivatives: { view: { status: 'missing' }, poster: { status: 'missing' } }, media: {}, originalMetadata: null };
    if (!VideoTools.supports(detectedType)) return { derivation: allOf(item, detectedType, 'failed') };
    // ffmpeg reads through this URL, range by range, for at most the tools' time limit (and a margin) per run.
    const url = await this.objects.internalReadUrl(item.storageKey, Math.ceil(this.tools.timeoutMs / 1000) * 3 + 60);
    if (this.tools.has('ffprobe')) {
      try {
        const probed = await this.video.probe(url, detectedType);
        derivation.media = probed.media;
        derivation.originalMetadata = probed.metadata;
      } catch (error) {
        this.unreadable(item, 'probe', error);
      }
    }
    if (!this.tools.has('ffmpeg')) return { derivation };
    let hash: bigint | undefined;
    try {
      const frame = await this.video.poster(url, detectedType, derivation.media.durationSeconds);
      const poster = await posterDerivative(frame, this.limits);
      derivation.derivatives.poster = await this.store(item, 'poster', poster.poster);
      hash = poster.hash;
    } catch (error) {
      derivation.derivatives.poster = this.unreadable(item, 'poster', error);
    }
    try {
      derivation.derivatives.view = await this.videoView(item, detectedType, url, work);
    } catch (error) {
      derivation.derivatives.view = this.unreadable(item, 'view copy', error);
    }
    return { derivation, hash };
  }

  /**
   * Remuxed into a temporary file (a seekable output lets MP4 and QuickTime put their index first, so the copy plays
   * while it loads), bounded to the original's size and a margin, then streamed to storage: the video never passes
   * through this process's memory.
   */
  private async videoView(item: EvidenceEntity, detectedType: string, url: string, work: string) {
    const path = join(work, `view.${VideoTools.viewExtension(detectedType)}`);
    const maxBytes = item.size + VIDEO_VIEW_SLACK_BYTES;
    await this.video.viewCopy(url, detectedType, path, maxBytes);
    const { size } = await stat(path);
    if (size === 0 || size >= maxBytes) throw new UnreadableMedia(`the view copy came out at ${size} bytes`);
    const key = derivativeKey(item.caseId, item.id, 'view', VideoTools.viewExtension(detectedType));
    await this.objects.put(key, createReadStream(path), detectedType, size);
    return { status: 'ready' as const, key, contentType: detectedType };
  }

  /** A document is its own view copy (API.md); a PDF also gets its page count and a preview of page one. */
  private async document(item: EvidenceEntity, detectedType: string, work: string): Promise<Made> {
    const derivation: Derivation = {
      derivatives: { view: { status: 'ready', key: item.storageKey, contentType: detectedType } },
      media: {},
      originalMetadata: { hadLocation: false },
    };
    if (detectedType !== 'application/pdf') return { derivation };
    derivation.derivatives.preview = { status: 'missing' };
    if (!this.tools.has('pdftoppm', 'pdfinfo')) return { derivation };
    const path = join(work, 'original.pdf');
    if (!(await this.download(item, path))) return { derivation: { ...derivation, derivatives: { ...derivation.derivatives, preview: { status: 'failed' } } } };
    try {
      derivation.media = { pages: await this.pdf.pages(path) };
      const page = await this.pdf.firstPage(path, work);
      derivation.derivatives.preview = await this.store(item, 'preview', { bytes: page, contentType: 'image/png', extension: 'png' });
    } catch (error) {
      derivation.derivatives.preview = this.unreadable(item, 'preview', error);
    }
    return { derivation };
  }

  /** Stored first, then compared: of two near copies stored at once, the later comparison always sees the earlier hash. */
  private async recordHash(item: EvidenceEntity, hash: bigint): Promise<void> {
    const manager = this.dataSource.manager;
    await EvidenceDerivativesStore.saveHash(manager, item, hash);
    const [{ buyer_id: buyerId }]: Array<{ buyer_id: string }> = await manager.query(`SELECT buyer_id FROM cases WHERE id = $1`, [item.caseId]);
    const matches = await EvidenceDerivativesStore.nearMatches(manager, hash, { evidenceId: item.id, buyerId });
    await EvidenceDerivativesStore.recordSimilarities(manager, item.id, matches);
  }

  private async store(item: EvidenceEntity, name: DerivativeName, made: MadeImage) {
    const key = derivativeKey(item.caseId, item.id, name, made.extension);
    await this.objects.put(key, made.bytes, made.contentType, made.bytes.length);
    return { status: 'ready' as const, key, contentType: made.contentType };
  }

  /** The whole original (images: at most 25 MiB), or null when storage has no object under its key. */
  private async readWhole(item: EvidenceEntity): Promise<Buffer | null> {
    const object = await this.objects.open(item.storageKey);
    if (!object) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of object.body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  private async download(item: EvidenceEntity, path: string): Promise<boolean> {
    const object = await this.objects.open(item.storageKey);
    if (!object) return false;
    await pipeline(object.body as Readable, createWriteStream(path));
    return true;
  }

  private unreadable(item: EvidenceEntity, what: string, error: unknown): { status: 'failed' } {
    if (!(error instanceof UnreadableMedia)) throw error;
    this.logger.warn(`${item.kind} ${item.id}, ${what}: ${error.message}`);
    return { status: 'failed' };
  }
}

/** Every derivative of the item in one status (`missing` or `failed`), the media unknown. */
function allOf(item: EvidenceEntity, detectedType: string, status: DerivativeStatus): Derivation {
  const derivatives: DerivativeRecords = Object.fromEntries(derivativesFor(item.kind, detectedType).map((name) => [name, { status }]));
  return { derivatives, media: {}, originalMetadata: null satisfies OriginalMetadata | null };
}
