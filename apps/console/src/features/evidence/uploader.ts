import type { EvidenceApi } from '@app/api-client';
import AwsS3, { type AwsS3Part } from '@uppy/aws-s3';
import Uppy from '@uppy/core';
import GoldenRetriever from '@uppy/golden-retriever';
import { evidenceApi, unwrap } from '../../lib/api';
import { problemOf } from '../../lib/problem';
import { onSessionChange } from '../../lib/session';
import { declaredTypeOf } from './content-type';
import { sha256Of } from './hash';
import { refusalText } from './refusals';

type Upload = EvidenceApi.Upload;

/** What the console keeps with each file (Golden Retriever saves it, so a reload knows the item). */
export interface EvidenceMeta extends Record<string, unknown> {
  /** One Idempotency-Key per file added: creating its item twice (a retry after no answer) creates one. */
  createKey?: string;
  evidenceId?: string;
  method?: Upload['method'];
  partSize?: number;
  /** The item's upload is complete: it is the workers' to verify now. */
  completed?: boolean;
}
export type EvidenceUppy = Uppy<EvidenceMeta, Record<string, never>>;

const MIB = 1024 * 1024;
const URL_MARGIN_MS = 60_000;
const uploaders = new Map<string, EvidenceUppy>();

// Uploads belong to the person who started them: signing out stops them.
onSessionChange(() => {
  for (const uppy of uploaders.values()) uppy.destroy();
  uploaders.clear();
});

/**
 * One uploader per case and person, kept while the console is open (navigating away does not stop an
 * upload). Each file: SHA-256 in 8 MiB slices ("Preparing"), the item created (POST /v1/cases/:id/evidence),
 * its bytes sent straight to storage (one presigned PUT, or multipart with the part URLs), then completed;
 * after a reload Golden Retriever brings the files back and the upload resumes (GET /v1/evidence/:id/upload).
 */
export function uploaderFor(caseId: string, userId: string, onCompleted: (evidence: EvidenceApi.Evidence) => void): EvidenceUppy {
  const id = `evidence-${caseId}-${userId}`;
  const existing = uploaders.get(id);
  if (existing) return existing;
  const uppy: EvidenceUppy = new Uppy<EvidenceMeta, Record<string, never>>({ id, autoProceed: true, allowMultipleUploadBatches: true });
  const plans = new Plans();

  uppy.addPreProcessor(async (fileIDs) => {
    for (const fileId of fileIDs) await prepare(uppy, caseId, plans, fileId);
  });
  uppy.use(AwsS3, {
    limit: 4,
    shouldUseMultipart: (file) => metaOf(file).method === 'multipart',
    getChunkSize: (data) => partSizes.get(data as Blob) ?? partSizeFor(data.size),
    getUploadParameters: async (file) => {
      const plan = await plans.of(evidenceIdOf(file));
      return { method: 'PUT', url: plan.url!, headers: sendableHeaders(plan.headers) };
    },
    createMultipartUpload: async (file) => {
      const evidenceId = evidenceIdOf(file);
      return { uploadId: (await plans.of(evidenceId)).uploadId!, key: evidenceId };
    },
    listParts: async (file) => {
      const plan = await plans.refresh(evidenceIdOf(file));
      return (plan.uploadedParts ?? []).map((part): AwsS3Part => ({ PartNumber: part.partNumber, ETag: part.etag, Size: part.size }));
    },
    signPart: async (file, { partNumber }) => ({ method: 'PUT', url: await plans.partUrl(evidenceIdOf(file), partNumber) }),
    completeMultipartUpload: async (file, { parts }) => {
      const completed = await complete(evidenceIdOf(file), parts.map((p) => ({ partNumber: p.PartNumber!, etag: p.ETag! })));
      uppy.setFileMeta(file.id, { completed: true });
      onCompleted(completed);
      return {};
    },
    // The service has no abort: an upload never completed expires and is cleaned up (API.md).
    abortMultipartUpload: async () => undefined,
  });
  uppy.addPostProcessor(async (fileIDs) => {
    for (const fileId of fileIDs) {
      const file = uppy.getFile(fileId);
      // Multipart uploads are completed by completeMultipartUpload (with their parts); a ghost (restored
      // without its bytes) has sent nothing yet.
      if (!file || file.error || file.meta.completed || !file.meta.evidenceId || file.meta.method !== 'PUT' || file.isGhost) continue;
      uppy.emit('postprocess-progress', file, { mode: 'indeterminate', message: 'Completing' });
      try {
        const completed = await complete(file.meta.evidenceId, undefined);
        uppy.setFileMeta(fileId, { completed: true });
        onCompleted(completed);
      } catch (error) {
        uppy.setFileState(fileId, { error: refusalText(problemOf(error)) });
      }
      uppy.emit('postprocess-complete', uppy.getFile(fileId));
    }
  });
  // The bytes are kept in IndexedDB for a reload: videos too (the plugin's default stops at 10 MiB).
  // (The plugin passes `indexedDB` on to its store, whose size limits its types do not list.)
  const indexedDB = { maxFileSize: 2 * 1024 * MIB, maxTotalSize: 4 * 1024 * MIB } as { name?: string };
  uppy.use(GoldenRetriever, { expires: 24 * 3600 * 1000, indexedDB });
  // A reload brings the files back; go on with them at once (a file whose bytes were not kept stays a ghost).
  uppy.on('restored', () => {
    for (const file of uppy.getFiles()) if (file.data && file.meta.partSize) partSizes.set(file.data as Blob, file.meta.partSize);
    if (uppy.getState().recoveredState) uppy.emit('restore-confirmed');
  });
  uploaders.set(id, uppy);
  return uppy;
}

/**
 * Whether the case already has an uploader for this person, in memory or saved by Golden Retriever (uploads
 * a reload interrupted): the page creates one at once then, and otherwise only when evidence is added.
 */
export function hasUploader(caseId: string, userId: string): boolean {
  const id = `evidence-${caseId}-${userId}`;
  return uploaders.has(id) || localStorage.getItem(`uppyState:${id}`) !== null;
}

/** Whether this person has uploads on the case not yet handed over (or refused): they stay in view until they are. */
export function hasUploadsUnderWay(caseId: string, userId: string): boolean {
  const id = `evidence-${caseId}-${userId}`;
  const uppy = uploaders.get(id);
  if (uppy) return uppy.getFiles().some((file) => !file.meta.completed);
  return localStorage.getItem(`uppyState:${id}`) !== null;
}

/** Adds files to the case's uploader; they start at once. */
export function addEvidenceFiles(uppy: EvidenceUppy, files: File[]): string[] {
  const refused: string[] = [];
  for (const file of files) {
    try {
      uppy.addFile({ name: file.name, type: declaredTypeOf(file), data: file, meta: { createKey: crypto.randomUUID() } });
    } catch (error) {
      refused.push(`${file.name}: ${(error as Error).message}`);
    }
  }
  return refused;
}

/** Tries a failed file again; an item never created gets a new key (the old one holds the refusal). */
export function retryEvidenceFile(uppy: EvidenceUppy, fileId: string): void {
  const file = uppy.getFile(fileId);
  if (file && !file.meta.evidenceId) uppy.setFileMeta(fileId, { createKey: crypto.randomUUID() });
  void uppy.retryUpload(fileId);
}

async function prepare(uppy: EvidenceUppy, caseId: string, plans: Plans, fileId: string): Promise<void> {
  const file = uppy.getFile(fileId);
  if (!file || file.meta.evidenceId || file.error || !file.data) return;
  const data = file.data as Blob;
  try {
    const sha256 = await sha256Of(data, (share) => {
      const current = uppy.getFile(fileId);
      if (current) uppy.emit('preprocess-progress', current, { mode: 'determinate', message: 'Preparing', value: share });
    });
    const session = unwrap(
      await evidenceApi().POST('/v1/cases/{caseId}/evidence', {
        params: { path: { caseId }, header: { 'Idempotency-Key': file.meta.createKey } },
        body: { fileName: file.name ?? 'evidence', contentType: file.type || 'application/octet-stream', size: data.size, sha256 },
      }),
    );
    plans.remember(session.evidence.id, session.upload);
    if (session.upload.partSize) partSizes.set(data, session.upload.partSize);
    uppy.setFileMeta(fileId, { evidenceId: session.evidence.id, method: session.upload.method, partSize: session.upload.partSize });
  } catch (error) {
    if (uppy.getFile(fileId)) uppy.setFileState(fileId, { error: refusalText(problemOf(error)) });
  } finally {
    const current = uppy.getFile(fileId);
    if (current) uppy.emit('preprocess-complete', current);
  }
}

async function complete(evidenceId: string, parts: Array<{ partNumber: number; etag: string }> | undefined) {
  return unwrap(await evidenceApi().POST('/v1/evidence/{id}/complete', { params: { path: { id: evidenceId } }, body: parts ? { parts } : {} }));
}

// The S3 plugin's hooks see Uppy's general file type; the meta is ours.
const metaOf = (file: { meta: unknown }): EvidenceMeta => file.meta as EvidenceMeta;

function evidenceIdOf(file: { meta: unknown }): string {
  const { evidenceId } = metaOf(file);
  if (!evidenceId) throw new Error('The evidence item was not created');
  return evidenceId;
}

// Part sizes by file, for Uppy's getChunkSize (it is handed the bytes, not the file).
const partSizes = new WeakMap<Blob, number>();

/** The evidence service's rule (upload-plan.ts): 8 MiB, or more when 10,000 parts would not hold the file. */
function partSizeFor(size: number): number {
  return Math.max(8 * MIB, Math.ceil(size / 10_000 / MIB) * MIB);
}

/** Content-Length is the browser's to set (it is signed: the body's exact length goes out). */
function sendableHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-length'));
}

/** The latest upload plan of each item: its URLs, fetched again (resume) when missing or about to expire. */
class Plans {
  private readonly plans = new Map<string, Upload>();

  remember(evidenceId: string, plan: Upload): void {
    this.plans.set(evidenceId, plan);
  }

  async of(evidenceId: string): Promise<Upload> {
    const plan = this.plans.get(evidenceId);
    if (plan && Date.parse(plan.expiresAt) - Date.now() > URL_MARGIN_MS) return plan;
    return this.refresh(evidenceId);
  }

  async refresh(evidenceId: string): Promise<Upload> {
    const plan = unwrap(await evidenceApi().GET('/v1/evidence/{id}/upload', { params: { path: { id: evidenceId } } }));
    this.plans.set(evidenceId, plan);
    return plan;
  }

  async partUrl(evidenceId: string, partNumber: number): Promise<string> {
    const url = (await this.of(evidenceId)).parts?.find((part) => part.partNumber === partNumber)?.url;
    if (url) return url;
    const fresh = (await this.refresh(evidenceId)).parts?.find((part) => part.partNumber === partNumber)?.url;
    if (!fresh) throw new Error(`Storage gave no URL for part ${partNumber}`);
    return fresh;
  }
}
