import { SignJWT } from 'jose';
import type { UserRole } from './principal';

/** A development token, signed with the local HS256 secret. */
export function signToken(secret: string, role: UserRole, userId: string, ttlSeconds = 12 * 3600): Promise<string> {
  return new SignJWT({ role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}
