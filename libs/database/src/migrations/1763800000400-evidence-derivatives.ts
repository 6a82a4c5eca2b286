import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence derivatives and the perceptual fraud signal (API.md "Derivatives", DOMAIN.md "Evidence").
 *
 * - `evidence.derivatives`: per derivative (view, thumbnail, poster, preview) its status and, once ready, its key and
 *   content type; `media` what the file shows (displayed size, duration, pages); `original_metadata` the summary of
 *   the original's metadata for its uploader and staff; `derived_at` when the derivatives step ended (null: still to
 *   run, which the evidence sweep looks for, so items available before this migration get theirs too).
 * - `evidence_perceptual_hashes`: one 64-bit pHash per image or video poster, cut into four 16-bit chunks, each
 *   indexed with the hash beside it, so a lookup reads a few index entries instead of the table (multi-index hashing).
 * - `evidence_similarities`: the near matches found when a hash was stored, both ways, between items of different
 *   buyers' cases.
 */
export class EvidenceDerivatives1763800000400 implements MigrationInterface {
  name = 'EvidenceDerivatives1763800000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE evidence
      ADD COLUMN derivatives jsonb NOT NULL DEFAULT '{}',
      ADD COLUMN media jsonb NOT NULL DEFAULT '{}',
      ADD COLUMN original_metadata jsonb,
      ADD COLUMN derived_at timestamptz`);
    await q.query(`CREATE INDEX evidence_underived_idx ON evidence (id) WHERE status = 'available' AND derived_at IS NULL`);
    await q.query(`
      CREATE TABLE evidence_perceptual_hashes (
        evidence_id uuid PRIMARY KEY REFERENCES evidence (id) ON DELETE CASCADE,
        case_id uuid NOT NULL,
        buyer_id uuid NOT NULL,
        hash bigint NOT NULL,
        chunk0 smallint NOT NULL,
        chunk1 smallint NOT NULL,
        chunk2 smallint NOT NULL,
        chunk3 smallint NOT NULL
      )`);
    for (let i = 0; i < 4; i++) {
      await q.query(`CREATE INDEX evidence_perceptual_hashes_chunk${i}_idx ON evidence_perceptual_hashes (chunk${i}) INCLUDE (hash, buyer_id, case_id)`);
    }
    await q.query(`
      CREATE TABLE evidence_similarities (
        evidence_id uuid NOT NULL REFERENCES evidence (id) ON DELETE CASCADE,
        similar_id uuid NOT NULL REFERENCES evidence (id) ON DELETE CASCADE,
        distance smallint NOT NULL CHECK (distance BETWEEN 0 AND 64),
        PRIMARY KEY (evidence_id, similar_id),
        CHECK (evidence_id <> similar_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE evidence_similarities`);
    await q.query(`DROP TABLE evidence_perceptual_hashes`);
    await q.query(`DROP INDEX evidence_underived_idx`);
    await q.query(`ALTER TABLE evidence DROP COLUMN derivatives, DROP COLUMN media, DROP COLUMN original_metadata, DROP COLUMN derived_at`);
  }
}
