import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence nobody can swap (API.md "Evidence service"): the uploader's presigned URLs write to an upload key of
 * their own, and verification copies the bytes to `storage_key`, which no URL ever names.
 *
 * - `upload_key`: where the uploader's URLs write; set while something may still be there to clean away.
 * - `upload_urls_expire_at`: the latest expiry of any URL handed out, after which nothing more can arrive there.
 * - `completed_at`: when the uploader completed the upload, for the evidence window checked at verification.
 *
 * Items still uploading or verifying got URLs that name their current `storage_key`: that becomes their upload key,
 * and their verified bytes will live at a new key. Available items keep theirs (their URLs expire within a day).
 */
export class EvidenceUploadKeys1763800000100 implements MigrationInterface {
  name = 'EvidenceUploadKeys1763800000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE evidence ADD COLUMN upload_key text, ADD COLUMN upload_urls_expire_at timestamptz, ADD COLUMN completed_at timestamptz`);
    await q.query(`UPDATE evidence SET upload_key = storage_key, storage_key = storage_key || '.verified', upload_urls_expire_at = expires_at
      WHERE status IN ('pending_upload', 'verifying')`);
    await q.query(`CREATE INDEX evidence_stray_uploads_idx ON evidence (upload_urls_expire_at)
      WHERE upload_key IS NOT NULL AND status IN ('available', 'rejected')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX evidence_stray_uploads_idx`);
    await q.query(`UPDATE evidence SET storage_key = upload_key WHERE status IN ('pending_upload', 'verifying') AND upload_key IS NOT NULL`);
    await q.query(`ALTER TABLE evidence DROP COLUMN upload_key, DROP COLUMN upload_urls_expire_at, DROP COLUMN completed_at`);
  }
}
