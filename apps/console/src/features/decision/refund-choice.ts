import { parseAmount } from '../../lib/money';

/** The refund a form asks for: nothing, the whole claim, or what was typed (which must read as an amount). */
export function refundOf(kind: 'full' | 'partial' | 'none', typed: string, claim: { amount: number; currency: string }) {
  if (kind === 'none') return { ok: true as const, amount: 0 };
  if (kind === 'full') return { ok: true as const, amount: claim.amount };
  return parseAmount(typed, claim.currency);
}
