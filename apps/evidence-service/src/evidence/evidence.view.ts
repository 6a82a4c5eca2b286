import { EvidenceEntity } from '@app/database';
import { DERIVATIVE_STATUSES, derivativeStatuses, EVIDENCE_KINDS, PARTIES } from '@app/domain';
import { BoolProp, DateTimeProp, EnumProp, IntProp, ObjectProp, PageOf, StringProp, UuidProp } from '@app/http';
import { ApiPropertyOptional } from '@nestjs/swagger';

const STATUSES = ['pending_upload', 'verifying', 'available', 'rejected'] as const;
const REJECTION_REASONS = ['window_closed', 'missing_object', 'size_mismatch', 'checksum_mismatch', 'type_mismatch', 'unsupported_type'] as const;

/** What the file shows: sizes as displayed (orientation applied), a video's length, a PDF's pages; known once derived. */
export class EvidenceMediaView {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'images and videos, as displayed' }) width?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'images and videos, as displayed' }) height?: number;
  @ApiPropertyOptional({ type: Number, minimum: 0, description: 'videos' }) durationSeconds?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'PDFs' }) pages?: number;
}

const derivative = (description: string) =>
  ApiPropertyOptional({ type: String, enum: DERIVATIVE_STATUSES, description });

/** Each derivative's status (API.md "Derivatives"); only the kind's own derivatives are present. */
export class EvidenceDerivativesView {
  @EnumProp(DERIVATIVE_STATUSES, { description: 'the view copy everyone but the uploader and staff is given; a document is its own' }) view: string;
  @derivative('images: longest side 320 px') thumbnail?: string;
  @derivative('videos: a JPEG frame') poster?: string;
  @derivative('PDFs: page one as an image') preview?: string;
}

/** The summary of the original's metadata, for its uploader and staff. */
export class EvidenceMetadataView {
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'when it was taken; a time without zone is taken as UTC' }) capturedAt?: string;
  @ApiPropertyOptional({ type: String, description: '"Make Model" of the camera or phone' }) device?: string;
  @BoolProp({ description: 'whether the original carried a location (GPS); the view copy never does' }) hadLocation: boolean;
}

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
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'specialists and reviewers only (absent for others): other cases, of other buyers, holding a perceptually similar image or video frame',
  })
  similarInCases?: string[];
  @ObjectProp(() => EvidenceMediaView) media: EvidenceMediaView;
  @ObjectProp(() => EvidenceDerivativesView) derivatives: EvidenceDerivativesView;
  @ApiPropertyOptional({
    type: EvidenceMetadataView,
    nullable: true,
    description: 'its uploader and staff only (absent for others); null until the original has been read',
  })
  metadata?: EvidenceMetadataView | null;
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

/** A presigned GET, served inline, for `<img>` and `<video>`. */
export class EvidenceLinkView {
  @StringProp({ description: 'presigned GET URL, valid five minutes' }) url: string;
  @StringProp() contentType: string;
  @DateTimeProp() expiresAt: string;
}

/** API.md `GET /v1/evidence/:id/links`. */
export class EvidenceLinksView {
  @ObjectProp(() => EvidenceLinkView, { description: 'the view copy; for its uploader and staff the original while there is none' }) view: EvidenceLinkView;
  @ApiPropertyOptional({ type: EvidenceLinkView, description: 'images' }) thumbnail?: EvidenceLinkView;
  @ApiPropertyOptional({ type: EvidenceLinkView, description: 'videos' }) poster?: EvidenceLinkView;
  @ApiPropertyOptional({ type: EvidenceLinkView, description: 'PDFs' }) preview?: EvidenceLinkView;
  @ApiPropertyOptional({ type: EvidenceLinkView, description: 'its uploader and staff only' }) original?: EvidenceLinkView;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** What a viewer is shown beyond the item itself. */
export interface ViewerExtras {
  /** The fraud signals, for those who may see them (absent for everyone else). */
  alsoSeenInCases?: string[];
  similarInCases?: string[];
  /** Whether the viewer sees the summary of the original's metadata (its uploader and staff). */
  showMetadata?: boolean;
}

export function toEvidenceView(item: EvidenceEntity, extras: ViewerExtras = {}): EvidenceView {
  const { alsoSeenInCases, similarInCases, showMetadata } = extras;
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
    ...(similarInCases && { similarInCases }),
    media: item.media ?? {},
    derivatives: derivativeStatuses({ kind: item.kind, type: item.detectedType ?? item.declaredType, status: item.status }, item.derivatives ?? {}) as EvidenceDerivativesView,
    ...(showMetadata && { metadata: item.originalMetadata }),
    createdAt: item.createdAt.toISOString(),
    availableAt: iso(item.availableAt),
  };
}
