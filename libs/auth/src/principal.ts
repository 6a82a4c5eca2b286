export const ROLES = ['buyer', 'supplier', 'specialist', 'reviewer', 'platform', 'admin'] as const;
export type UserRole = (typeof ROLES)[number];

/** The authenticated caller, from the bearer token's `sub` and `role` claims. */
export interface Principal {
  id: string;
  role: UserRole;
  /** When the token it came from expires (the queue dashboard's session ends then too). */
  expiresAt?: Date;
}
