import { EVIDENCE_MAX_ITEMS_PER_PARTY, evidenceWindowOpen, Party } from '@app/domain';
import { EntityManager } from 'typeorm';
import { CaseStore } from '../cases/case-store';
import { CaseEntity, EvidenceEntity, EvidenceStatus } from '../entities';

/** Writes and reads evidence rows; every write runs inside the caller's transaction. */
export class EvidenceStore {
  static async insert(manager: EntityManager, row: EvidenceEntity): Promise<void> {
    await manager.insert(EvidenceEntity, row);
  }

  /** Whether the party already has the most items the case allows (its policy's); rejected items do not count. */
  static async limitReached(manager: EntityManager, caseId: string, party: Party, maxItems = EVIDENCE_MAX_ITEMS_PER_PARTY): Promise<boolean> {
    const [{ count }]: Array<{ count: number }> = await manager.query(
      `SELECT count(*)::int AS count FROM evidence WHERE case_id = $1 AND party = $2 AND status <> 'rejected'`,
      [caseId, party],
    );
    return count >= maxItems;
  }

  /**
   * Whether the uploader's evidence window was open at `at` (when the upload completed), judged on the case as it
   * is now: a case that ended or moved on meanwhile takes nothing more (DOMAIN.md "Evidence"). The case row stays
   * share-locked until the transaction ends, so the case cannot close between this answer and the caller's write.
   */
  static async uploaderWindowOpen(manager: EntityManager, item: Pick<EvidenceEntity, 'caseId' | 'party'>, at: Date): Promise<boolean> {
    const caseRow = await manager.findOne(CaseEntity, { where: { id: item.caseId }, lock: { mode: 'pessimistic_read' } });
    return !!caseRow && evidenceWindowOpen(await CaseStore.snapshot(manager, caseRow), item.party, at);
  }

  /** Compare-and-set on status: false when another writer moved the item first. */
  static async move(manager: EntityManager, item: EvidenceEntity, to: EvidenceStatus, changes: Partial<EvidenceEntity> = {}): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(EvidenceEntity)
      .set({ ...changes, status: to })
      .where('id = :id AND status = :status', { id: item.id, status: item.status })
      .execute();
    return result.affected === 1;
  }

  /** verifying → available, with `case.evidence_added` on the timeline and in the outbox, all or nothing. */
  static async makeAvailable(manager: EntityManager, item: EvidenceEntity, detectedType: string, now: Date): Promise<boolean> {
    if (!(await EvidenceStore.move(manager, item, 'available', { detectedType, availableAt: now }))) return false;
    await EvidenceStore.recordAdded(manager, { ...item, detectedType, status: 'available', availableAt: now }, now);
    return true;
  }

  /** `case.evidence_added`, for an item that has just become available. */
  static async recordAdded(manager: EntityManager, item: EvidenceEntity, now: Date): Promise<void> {
    const data = {
      evidenceId: item.id,
      party: item.party,
      kind: item.kind,
      fileName: item.fileName,
      detectedType: item.detectedType,
      size: item.size,
      sha256: item.sha256,
    };
    await CaseStore.appendEvents(manager, item.caseId, [{ type: 'case.evidence_added', data }], { id: item.uploadedBy, role: item.party }, now);
  }

  /**
   * DOMAIN.md's fraud signal: for each SHA-256, the other cases, with another buyer than `buyerId`,
   * that hold an available item with the same bytes.
   */
  static async alsoSeenInCases(manager: EntityManager, caseId: string, buyerId: string, sha256s: string[]): Promise<Map<string, string[]>> {
    if (!sha256s.length) return new Map();
    const rows: Array<{ sha256: string; caseIds: string[] }> = await manager.query(
      `SELECT e.sha256, array_agg(DISTINCT e.case_id::text ORDER BY e.case_id::text) AS "caseIds"
         FROM evidence e JOIN cases c ON c.id = e.case_id
        WHERE e.status = 'available' AND e.sha256 = ANY($1) AND e.case_id <> $2 AND c.buyer_id <> $3
        GROUP BY e.sha256`,
      [sha256s, caseId, buyerId],
    );
    return new Map(rows.map((row) => [row.sha256, row.caseIds]));
  }
}
