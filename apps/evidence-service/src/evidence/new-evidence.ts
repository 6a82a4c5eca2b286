import { EvidenceEntity } from '@app/database';
import { evidenceKey } from '@app/storage';

type Given = Pick<
  EvidenceEntity,
  'id' | 'caseId' | 'uploadedBy' | 'party' | 'fileName' | 'declaredType' | 'kind' | 'size' | 'sha256' | 'description' | 'status' | 'createdAt'
>;

/** A new evidence row: its storage key generated from the ids, everything not given still unknown (no upload key: a direct upload). */
export function newEvidence(given: Given & Partial<EvidenceEntity>): EvidenceEntity {
  return {
    detectedType: null,
    uploadId: null,
    uploadKey: null,
    uploadUrlsExpireAt: null,
    partSize: null,
    completedAt: null,
    rejectionReason: null,
    expiresAt: null,
    availableAt: null,
    derivatives: {},
    media: {},
    originalMetadata: null,
    derivedAt: null,
    storageKey: evidenceKey(given.caseId, given.id),
    ...given,
  };
}
