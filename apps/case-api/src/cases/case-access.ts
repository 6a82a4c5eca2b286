import { canSeeCase, Principal } from '@app/auth';
import { CaseEntity } from '@app/database';
import { DomainError } from '@app/domain';
import { EntityManager } from 'typeorm';

/**
 * The case if the caller may see it; 404 otherwise, so ids of other parties' cases cannot be probed.
 * `lock` takes the row for the rest of the transaction: concurrent actions on one case queue up.
 */
export async function findVisibleCase(manager: EntityManager, user: Principal, id: string, lock = false): Promise<CaseEntity> {
  const found = await manager.findOne(CaseEntity, { where: { id }, ...(lock && { lock: { mode: 'pessimistic_write' as const } }) });
  if (!found || !canSeeCase(user, found)) throw new DomainError('not_found', 'No such case');
  return found;
}

/**
 * API.md: taking a case someone else already has is 409 invalid_state. Two specialists (or reviewers) who
 * click "take" on the same queue entry race; the loser learns it was taken, not that it vanished. Only in the
 * status the claim leads to: once the case moves on it is simply not theirs to see (404).
 */
export function takenByAnotherStaffMember(user: Principal, c: CaseEntity): boolean {
  if (user.role === 'specialist') return c.status === 'under_review' && c.specialistId !== null && c.specialistId !== user.id;
  if (user.role === 'reviewer') return c.status === 'appealed' && c.reviewerId !== null && c.reviewerId !== user.id;
  return false;
}

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const pg = e.driverError ?? e;
  return pg.code === '23505' && pg.constraint === constraint;
}
