import { candidateChunks, hashChunks, SIMILARITY_THRESHOLD } from '@app/domain';
import { EntityManager } from 'typeorm';
import { DerivativeRecords, EvidenceMedia, OriginalMetadata } from '../entities';

export interface Derivation {
  derivatives: DerivativeRecords;
  media: EvidenceMedia;
  originalMetadata: OriginalMetadata | null;
}

export interface NearMatch {
  evidenceId: string;
  caseId: string;
  distance: number;
}

/** The derivatives step's writes, and the perceptual fraud signal's reads (DOMAIN.md "Evidence"). */
export class EvidenceDerivativesStore {
  /** Records what the derivatives step made; false when the item is not available (nothing is written then). */
  static async record(manager: EntityManager, evidenceId: string, derivation: Derivation, now: Date): Promise<boolean> {
    const result = await manager.query(
      `UPDATE evidence SET derivatives = $2, media = $3, original_metadata = $4, derived_at = $5 WHERE id = $1 AND status = 'available'`,
      [evidenceId, JSON.stringify(derivation.derivatives), JSON.stringify(derivation.media), derivation.originalMetadata && JSON.stringify(derivation.originalMetadata), now],
    );
    return result[1] === 1;
  }

  /** Stores the item's hash (again, the same, when the step is repeated). */
  static async saveHash(manager: EntityManager, item: { id: string; caseId: string }, hash: bigint): Promise<void> {
    await manager.query(
      `INSERT INTO evidence_perceptual_hashes (evidence_id, case_id, buyer_id, hash, chunk0, chunk1, chunk2, chunk3)
       SELECT $1, c.id, c.buyer_id, $3, $4, $5, $6, $7 FROM cases c WHERE c.id = $2
       ON CONFLICT (evidence_id) DO UPDATE SET hash = EXCLUDED.hash, chunk0 = EXCLUDED.chunk0, chunk1 = EXCLUDED.chunk1,
         chunk2 = EXCLUDED.chunk2, chunk3 = EXCLUDED.chunk3`,
      [item.id, item.caseId, hash.toString(), ...hashChunks(hash)],
    );
  }

  /** Stored hashes of other buyers' items within `threshold` of `hash` (nearMatchesQuery). */
  static async nearMatches(manager: EntityManager, hash: bigint, exclude: { evidenceId: string; buyerId: string }, threshold = SIMILARITY_THRESHOLD): Promise<NearMatch[]> {
    const [sql, parameters] = nearMatchesQuery(hash, exclude, threshold);
    const rows: Array<{ evidence_id: string; case_id: string; distance: number }> = await manager.query(sql, parameters);
    return rows.map((row) => ({ evidenceId: row.evidence_id, caseId: row.case_id, distance: row.distance }));
  }

  /** The matches, recorded both ways: whichever item of a pair is looked at shows the other. */
  static async recordSimilarities(manager: EntityManager, evidenceId: string, matches: NearMatch[]): Promise<void> {
    if (!matches.length) return;
    await manager.query(
      `INSERT INTO evidence_similarities (evidence_id, similar_id, distance)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::smallint[])
       ON CONFLICT DO NOTHING`,
      [
        [...matches.map(() => evidenceId), ...matches.map((m) => m.evidenceId)],
        [...matches.map((m) => m.evidenceId), ...matches.map(() => evidenceId)],
        [...matches.map((m) => m.distance), ...matches.map((m) => m.distance)],
      ],
    );
  }

  /** For each item, the other buyers' cases holding a perceptually similar image or video frame. */
  static async similarInCases(manager: EntityManager, evidenceIds: string[]): Promise<Map<string, string[]>> {
    if (!evidenceIds.length) return new Map();
    const rows: Array<{ evidence_id: string; caseIds: string[] }> = await manager.query(
      `SELECT s.evidence_id, array_agg(DISTINCT h.case_id::text ORDER BY h.case_id::text) AS "caseIds"
         FROM evidence_similarities s JOIN evidence_perceptual_hashes h ON h.evidence_id = s.similar_id
        WHERE s.evidence_id = ANY($1)
        GROUP BY s.evidence_id`,
      [evidenceIds],
    );
    return new Map(rows.map((row) => [row.evidence_id, row.caseIds]));
  }
}

/**
 * The near-match lookup: the candidates share a chunk value close enough (each chunk's index answers), and the exact
 * distance is checked on them alone. One probe per chunk, joined with UNION, so each is an index-only scan (an OR of
 * the four would visit the table for every candidate). Exported so a test can read its plan.
 */
export function nearMatchesQuery(hash: bigint, exclude: { evidenceId: string; buyerId: string }, threshold: number): [string, unknown[]] {
  const probes = [0, 1, 2, 3].map((i) => `SELECT evidence_id, case_id, buyer_id, hash FROM evidence_perceptual_hashes WHERE chunk${i} = ANY($${i + 2}::smallint[])`);
  const sql = `SELECT evidence_id, case_id, distance FROM (
      SELECT evidence_id, case_id, buyer_id, bit_count((hash # $1::bigint)::bit(64))::int AS distance FROM (${probes.join(' UNION ')}) probes
    ) candidates
    WHERE distance <= $6 AND buyer_id <> $7 AND evidence_id <> $8
    ORDER BY distance, evidence_id`;
  return [sql, [hash.toString(), ...candidateChunks(hash, threshold), threshold, exclude.buyerId, exclude.evidenceId]];
}
