import type { Principal } from './principal';

/** What visibility needs to know of a case. */
export interface CaseParticipants {
  buyerId: string;
  supplierId: string;
  specialistId: string | null;
  reviewerId: string | null;
  status: string;
  overdue: boolean;
}

/**
 * API.md "Participants of a case": its buyer and supplier, the assigned specialist and reviewer,
 * any specialist while it is escalated, any reviewer while it is appealed or overdue, platform and admin.
 * Whoever is not a participant gets 404, so case ids cannot be probed.
 */
export function canSeeCase(user: Principal, c: CaseParticipants): boolean {
  switch (user.role) {
    case 'buyer':
      return c.buyerId === user.id;
    case 'supplier':
      return c.supplierId === user.id;
    case 'specialist':
      return c.specialistId === user.id || (c.status === 'escalated' && c.specialistId === null);
    case 'reviewer':
      return c.reviewerId === user.id || (c.status === 'appealed' && c.reviewerId === null) || c.overdue;
    case 'platform':
    case 'admin':
      return true;
  }
}

/** Platform and admin only read cases; they never act as a party or decide. */
export function isReadOnlyRole(user: Principal): boolean {
  return user.role === 'platform' || user.role === 'admin';
}

/** An order is visible to its parties, platform and admin; staff also see orders of the cases they can see. */
export function canSeeOrder(user: Principal, order: { buyerId: string; supplierId: string }): boolean {
  if (user.role === 'platform' || user.role === 'admin') return true;
  if (user.role === 'buyer') return order.buyerId === user.id;
  if (user.role === 'supplier') return order.supplierId === user.id;
  return false;
}
