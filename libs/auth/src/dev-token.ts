import { SignJWT } from 'jose';
import type { UserRole } from './principal';

export interface SignTokenOptions {
  /** Lifetime; 12 hours by default, within AUTH_MAX_TOKEN_AGE's default of 24 hours. */
  ttlSeconds?: number;
  issuer?: string;
  audience?: string;
}

/** A development token, signed with the local HS256 secret. */
export function signToken(secret: string, role: UserRole, userId: string, options: SignTokenOptions = {}): Promise<string> {
  const { ttlSeconds = 12 * 3600, issuer, audience } = options;
  const token = new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds);
  if (issuer) token.setIssuer(issuer);
  if (audience) token.setAudience(audience);
  return token.sign(new TextEncoder().encode(secret));
}
