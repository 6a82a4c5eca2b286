import { canSeeCase, Principal } from '@app/auth';
import { CaseEntity, CaseStore, EvidenceEntity, EvidenceStore } from '@app/database';
import { DomainError, EvidenceKind, evidenceWindowOpen, Party } from '@app/domain';
import { EntityManager } from 'typeorm';

/**
 * Who may see and add evidence. Whatever the caller may not see is 404 (ids cannot be probed);
 * 403 only for someone who sees the case but is not the party the action needs.
 */
export async function findVisibleCase(manager: EntityManager, user: Principal, caseId: string, lock = false): Promise<CaseEntity> {
  const found = await manager.findOne(CaseEntity, { where: { id: caseId }, ...(lock && { lock: { mode: 'pessimistic_write' as const } }) });
  if (!found || !canSeeCase(user, found)) throw new DomainError('not_found', 'No such case');
  return found;
}

/**
 * The case when the caller may add evidence to it now (DOMAIN.md "Evidence"): a party, inside its evidence
 * window, under the count limit. The case row stays locked until the transaction ends, so two uploads
 * cannot both take the last place.
 */
export async function caseOpenForUpload(manager: EntityManager, user: Principal, caseId: string, now: Date): Promise<{ caseRow: CaseEntity; party: Party }> {
  const caseRow = await findVisibleCase(manager, user, caseId, true);
  const party = partyOf(user, caseRow);
  if (!party) throw new DomainError('forbidden', "Only the case's buyer or supplier may add evidence");
  if (!evidenceWindowOpen(await CaseStore.snapshot(manager, caseRow), party, now)) {
    throw new DomainError('evidence_window_closed', `The ${party}'s evidence window is closed`);
  }
  if (await EvidenceStore.limitReached(manager, caseRow.id, party, caseRow.policy.evidenceLimits.maxItemsPerParty)) {
    throw new DomainError('evidence_limit_reached', `The ${party} has reached the number of evidence items a case allows`);
  }
  return { caseRow, party };
}

/** The size limit of the case's policy for this kind of evidence: 413 above it. */
export function assertWithinSizeLimit(caseRow: CaseEntity, kind: EvidenceKind, size: number, field: string): void {
  const limit = caseRow.policy.evidenceLimits.maxBytes[kind];
  if (size > limit) throw new DomainError('payload_too_large', `A ${kind} may be at most ${limit} bytes`, field);
}

export async function findVisibleItem(manager: EntityManager, user: Principal, id: string): Promise<{ item: EvidenceEntity; caseRow: CaseEntity }> {
  const item = await manager.findOneBy(EvidenceEntity, { id });
  const caseRow = item && (await manager.findOneBy(CaseEntity, { id: item.caseId }));
  if (!item || !caseRow || !canSeeCase(user, caseRow)) throw new DomainError('not_found', 'No such evidence');
  return { item, caseRow };
}

/** An item the caller uploaded, in `pending_upload` and not expired: the only state an upload can be resumed or completed in. */
export async function findPendingUpload(manager: EntityManager, user: Principal, id: string, now: Date): Promise<EvidenceEntity> {
  const { item } = await findVisibleItem(manager, user, id);
  if (item.uploadedBy !== user.id) throw new DomainError('forbidden', 'Only the uploader may do this');
  if (item.status !== 'pending_upload') throw new DomainError('invalid_state', `The evidence is ${item.status}, no longer waiting for its upload`);
  if (item.expiresAt && item.expiresAt <= now) throw new DomainError('deadline_passed', 'The upload session has expired; start a new one');
  return item;
}

/** Specialists and reviewers see the cross-case fraud signal. */
export function seesFraudSignal(user: Principal): boolean {
  return user.role === 'specialist' || user.role === 'reviewer';
}

function partyOf(user: Principal, caseRow: CaseEntity): Party | null {
  if (user.role === 'buyer' && user.id === caseRow.buyerId) return 'buyer';
  if (user.role === 'supplier' && user.id === caseRow.supplierId) return 'supplier';
  return null;
}
