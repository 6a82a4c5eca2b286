import { EvidenceEntity } from '@app/database';
import { EVIDENCE_KINDS, PARTIES } from '@app/domain';
import { DateTimeProp, EnumProp, IntProp, ObjectProp, PageOf, StringProp, UuidProp } from '@app/http';
import { ApiPropertyOptional } from '@nestjs/swagger';

const STATUSES = ['pending_upload', 'verifying', 'available', 'rejected'] as const;
const REJECTION_REASONS = ['window_closed', 'missing_object', 'size_mismatch', 'checksum_mismatch', 'type_mismatch', 'unsupported_type'] as const;

/** API.md "Evidence". */
export class EvidenceView {
  @UuidProp() id: string;
  @UuidProp() caseId: string;
  @UuidProp() uploadedBy: string;
  @EnumProp(PARTIES) party: string;
  @StringProp({ description: 'as the uploader named it' }) fileName: string;
  @StringProp() declaredType: string;
  @StringProp({ nullable: true, description: 'sniffed from the bytes once verified' }) detectedType: string | null;
  @EnumProp(EVIDENCE_KINDS) kind: string;
  @IntProp({ minimum: 1, description: 'bytes' }) size: number;
  @StringProp({ description: 'SHA-256, 64 hex characters' }) sha256: string;
  @StringProp({ nullable: true }) description: string | null;
  @EnumProp(STATUSES) status: string;
  @EnumProp(REJECTION_REASONS, { nullable: true }) rejectionReason: string | null;
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'specialists and reviewers only (absent for others): other cases, of other buyers, holding the same bytes',
  })
  alsoSeenInCases?: string[];
  @DateTimeProp() createdAt: string;
  @DateTimeProp({ nullable: true }) availableAt: string | null;
}

export class EvidencePageView extends PageOf(() => EvidenceView) {}

export class PartUrlView {
  @IntProp({ minimum: 1 }) partNumber: number;
  @StringProp({ description: 'presigned PUT URL for this part' }) url: string;
}

export class StoredPartView {
  @IntProp({ minimum: 1 }) partNumber: number;
  @StringProp() etag: string;
  @IntProp({ minimum: 0 }) size: number;
}

/** Where and how the client sends the bytes: one presigned PUT, or presigned part URLs of a multipart upload. */
export class UploadView {
  @EnumProp(['PUT', 'multipart']) method: 'PUT' | 'multipart';
  @ApiPropertyOptional({ type: String, description: 'PUT: the presigned URL' }) url?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'PUT: headers to send with the bytes, exactly' })
  headers?: Record<string, string>;
  @ApiPropertyOptional({ type: String, description: 'multipart: the storage upload id' }) uploadId?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'multipart: bytes per part; the last part may be shorter' }) partSize?: number;
  @ApiPropertyOptional({ type: [PartUrlView], description: 'multipart: the parts still to send' }) parts?: PartUrlView[];
  @ApiPropertyOptional({ type: [StoredPartView], description: 'resuming a multipart upload: the parts storage already holds' })
  uploadedParts?: StoredPartView[];
  @DateTimeProp({ description: 'the URLs expire then (EVIDENCE_UPLOAD_URL_TTL): resume the upload for fresh ones' }) expiresAt: string;
  @DateTimeProp({ description: 'the upload session expires then: complete it before' }) sessionExpiresAt: string;
}

export class UploadSessionView {
  @ObjectProp(() => EvidenceView) evidence: EvidenceView;
  @ObjectProp(() => UploadView) upload: UploadView;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** `alsoSeenInCases` is given only for callers who may see the fraud signal; absent for everyone else. */
export function toEvidenceView(item: EvidenceEntity, alsoSeenInCases: string[] | null = null): EvidenceView {
  return {
    id: item.id,
    caseId: item.caseId,
    uploadedBy: item.uploadedBy,
    party: item.party,
    fileName: item.fileName,
    declaredType: item.declaredType,
    detectedType: item.detectedType,
    kind: item.kind,
    size: item.size,
    sha256: item.sha256,
    description: item.description,
    status: item.status,
    rejectionReason: item.rejectionReason,
    ...(alsoSeenInCases && { alsoSeenInCases }),
    createdAt: item.createdAt.toISOString(),
    availableAt: iso(item.availableAt),
  };
}
