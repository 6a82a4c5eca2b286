import type { UserRole } from './principal';

export interface DevelopmentIdentity {
  role: UserRole;
  userId: string;
  /** How the console's sign-in page names it. */
  label: string;
}

/**
 * Fixed people for a development machine (`npm start`): the console's sign-in page lists them, `npm start`
 * gives the buyer and the supplier orders to dispute, and ids that stay the same across restarts keep a
 * newcomer's cases theirs. The buyer and supplier are the README's. No platform: it is a service, not a person.
 */
export const DEVELOPMENT_IDENTITIES: readonly DevelopmentIdentity[] = [
  { role: 'buyer', userId: '11111111-1111-4111-8111-111111111111', label: 'Buyer (importer)' },
  { role: 'supplier', userId: '22222222-2222-4222-8222-222222222222', label: 'Supplier (seller)' },
  { role: 'specialist', userId: '33333333-3333-4333-8333-333333333333', label: 'Trade specialist' },
  { role: 'reviewer', userId: '44444444-4444-4444-8444-444444444444', label: 'Escalation reviewer' },
  { role: 'admin', userId: '55555555-5555-4555-8555-555555555555', label: 'Operations admin' },
];
