/**
 * Storage keys are generated from ids, never from the uploader's file name. The bytes of an item live at its
 * evidence key, which no presigned URL ever names: only the services write there (verification's server-side copy,
 * a direct upload). Presigned uploads write to an upload key of their own, under a prefix of its own.
 */
export const evidenceKey = (caseId: string, evidenceId: string): string => `cases/${caseId}/evidence/${evidenceId}`;

export const UPLOADS_PREFIX = 'uploads/';

export const evidenceUploadKey = (caseId: string, evidenceId: string): string => `${UPLOADS_PREFIX}${caseId}/${evidenceId}`;

/**
 * An item's derivatives (view copy, thumbnail, poster, preview), beside its bytes and, like them, written only by the
 * workers' derivatives step: no presigned URL ever names a key under `cases/`.
 */
export const derivativeKey = (caseId: string, evidenceId: string, name: string, extension: string): string =>
  `cases/${caseId}/derivatives/${evidenceId}/${name}.${extension}`;
