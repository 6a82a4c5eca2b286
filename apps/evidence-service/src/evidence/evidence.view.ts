import { EvidenceEntity } from '@app/database';
import { EVIDENCE_KINDS } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const STATUSES = ['pending_upload', 'verifying', 'available', 'rejected'];
const REJECTION_REASONS = ['window_closed', 'missing_object', 'size_mismatch', 'checksum_mismatch', 'type_mismatch', 'unsupported_type'];

/** API.md "Evidence". */
export class EvidenceView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'uuid' }) uploadedBy: string;
  @ApiProperty({ enum: ['buyer', 'supplier'] }) party: string;
  @ApiProperty() fileName: string;
  @ApiProperty() declaredType: string;
  @ApiPropertyOptional({ nullable: true, description: 'sniffed from the bytes once verified' }) detectedType: string | null;
  @ApiProperty({ enum: EVIDENCE_KINDS }) kind: string;
  @ApiProperty({ type: 'integer' }) size: number;
  @ApiProperty({ description: 'SHA-256, 64 hex characters' }) sha256: string;
  @ApiPropertyOptional({ nullable: true }) description: string | null;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiPropertyOptional({ nullable: true, enum: REJECTION_REASONS }) rejectionReason: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: [String],
    description: 'specialists and reviewers only (null for others): other cases, of other buyers, holding the same bytes',
  })
  alsoSeenInCases: string[] | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) availableAt: string | null;
}

export class EvidencePageView {
  @ApiProperty({ type: [EvidenceView] }) data: EvidenceView[];
  @ApiPropertyOptional({ nullable: true }) nextCursor: string | null;
}

export class PartUrlView {
  @ApiProperty({ type: 'integer' }) partNumber: number;
  @ApiProperty() url: string;
}

export class StoredPartView {
  @ApiProperty({ type: 'integer' }) partNumber: number;
  @ApiProperty() etag: string;
  @ApiProperty({ type: 'integer' }) size: number;
}

/** Where and how the client sends the bytes: one presigned PUT, or presigned part URLs of a multipart upload. */
export class UploadView {
  @ApiProperty({ enum: ['PUT', 'multipart'] }) method: 'PUT' | 'multipart';
  @ApiPropertyOptional({ description: 'PUT: the presigned URL' }) url?: string;
  @ApiPropertyOptional({ description: 'PUT: headers to send with the bytes', type: 'object', additionalProperties: { type: 'string' } })
  headers?: Record<string, string>;
  @ApiPropertyOptional() uploadId?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'bytes per part; the last part may be shorter' }) partSize?: number;
  @ApiPropertyOptional({ type: [PartUrlView], description: 'the parts still to send' }) parts?: PartUrlView[];
  @ApiPropertyOptional({ type: [StoredPartView], description: 'resuming: the parts storage already holds' }) uploadedParts?: StoredPartView[];
  @ApiProperty({ format: 'date-time', description: 'the URLs expire then (EVIDENCE_UPLOAD_URL_TTL): resume the upload for fresh ones' }) expiresAt: string;
  @ApiProperty({ format: 'date-time', description: 'the upload session expires then: complete it before' }) sessionExpiresAt: string;
}

export class UploadSessionView {
  @ApiProperty() evidence: EvidenceView;
  @ApiProperty() upload: UploadView;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** `alsoSeenInCases` is given only for callers who may see the fraud signal; null for everyone else. */
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
    alsoSeenInCases,
    createdAt: item.createdAt.toISOString(),
    availableAt: iso(item.availableAt),
  };
}
