import type { DerivativeName, DerivativeStatus, EvidenceKind, Party } from '@app/domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintToNumber } from '../columns';

export type EvidenceStatus = 'pending_upload' | 'verifying' | 'available' | 'rejected';
export type EvidenceRejectionReason =
  | 'window_closed'
  | 'missing_object'
  | 'size_mismatch'
  | 'checksum_mismatch'
  | 'type_mismatch'
  | 'unsupported_type';

/** One derivative's state; `key` and `contentType` once it is ready. */
export interface DerivativeRecord {
  status: DerivativeStatus;
  key?: string;
  contentType?: string;
}

export type DerivativeRecords = Partial<Record<DerivativeName, DerivativeRecord>>;

/** What the file shows (API.md Evidence `media`): sizes as displayed, orientation applied. */
export interface EvidenceMedia {
  width?: number;
  height?: number;
  durationSeconds?: number;
  pages?: number;
}

/** The summary of the original's metadata, for its uploader and staff (API.md Evidence `metadata`). */
export interface OriginalMetadata {
  capturedAt?: string;
  device?: string;
  hadLocation: boolean;
}

/** One evidence item (DOMAIN.md "Evidence"). Indexes and constraints live in the `Cases` migration. */
@Entity('evidence')
export class EvidenceEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'case_id' }) caseId: string;
  @Column('uuid', { name: 'uploaded_by' }) uploadedBy: string;
  @Column('text') party: Party;
  /** As the uploader named it: shown and offered on download, never used as a storage key. */
  @Column('text', { name: 'file_name' }) fileName: string;
  @Column('text', { name: 'declared_type' }) declaredType: string;
  @Column('text', { name: 'detected_type', nullable: true }) detectedType: string | null;
  @Column('text') kind: EvidenceKind;
  @Column('bigint', { transformer: bigintToNumber }) size: number;
  @Column('char', { length: 64 }) sha256: string;
  @Column('text', { nullable: true }) description: string | null;
  /** Where the bytes of the item live once verified: written only by the services, never named by a presigned URL. */
  @Column('text', { name: 'storage_key' }) storageKey: string;
  /** Where the uploader's presigned URLs write (upload sessions only); null once nothing can be left there. */
  @Column('text', { name: 'upload_key', nullable: true }) uploadKey: string | null;
  /** The latest expiry of any upload URL handed out: after it, nothing more can arrive at the upload key. */
  @Column('timestamptz', { name: 'upload_urls_expire_at', nullable: true }) uploadUrlsExpireAt: Date | null;
  /** The storage's multipart upload id (of the upload key); null for a single PUT or a direct upload. */
  @Column('text', { name: 'upload_id', nullable: true }) uploadId: string | null;
  @Column('bigint', { name: 'part_size', nullable: true, transformer: bigintToNumber }) partSize: number | null;
  @Column('text') status: EvidenceStatus;
  @Column('text', { name: 'rejection_reason', nullable: true }) rejectionReason: EvidenceRejectionReason | null;
  /** When an upload never completed is given up and cleaned away. */
  @Column('timestamptz', { name: 'expires_at', nullable: true }) expiresAt: Date | null;
  /** When the uploader completed the upload: the evidence window is judged at that moment. */
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'created_at', precision: 3 }) createdAt: Date;
  @Column('timestamptz', { name: 'available_at', nullable: true }) availableAt: Date | null;
  /** Written only by the workers' derivatives step; empty until it has run. */
  @Column('jsonb', { default: () => "'{}'" }) derivatives: DerivativeRecords;
  @Column('jsonb', { default: () => "'{}'" }) media: EvidenceMedia;
  @Column('jsonb', { name: 'original_metadata', nullable: true }) originalMetadata: OriginalMetadata | null;
  /** When the derivatives step ended; null while it is still to run. */
  @Column('timestamptz', { name: 'derived_at', nullable: true }) derivedAt: Date | null;
}
