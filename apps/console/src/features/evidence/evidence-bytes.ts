import { authorizedFetch, evidenceUrl } from '../../lib/api';
import { ProblemError, isProblem } from '../../lib/problem';

/**
 * The bytes of an available item, through GET /v1/evidence/:id/download (a redirect to a presigned URL
 * valid five minutes). Until the evidence service offers `links` (view copies and thumbnails), the gallery
 * shows what the download gives.
 */
export async function evidenceBlob(id: string, signal?: AbortSignal): Promise<Blob> {
  const res = await authorizedFetch(evidenceUrl(`/v1/evidence/${id}/download`), { signal });
  if (!res.ok) throw await refusalOf(res);
  return res.blob();
}

/** The presigned address the download leads to, for a <video> to stream from (the body is not read). */
export async function evidenceStreamUrl(id: string): Promise<string> {
  const controller = new AbortController();
  const res = await authorizedFetch(evidenceUrl(`/v1/evidence/${id}/download`), { signal: controller.signal });
  if (!res.ok) throw await refusalOf(res);
  controller.abort();
  return res.url;
}

async function refusalOf(res: Response): Promise<Error> {
  const body = await res.json().catch(() => null);
  if (isProblem(body)) return new ProblemError(body);
  return new Error(`The file could not be loaded (${res.status})`);
}
