import type { CaseApi } from '@app/api-client';
import { useSyncExternalStore } from 'react';

export type Role = CaseApi.Actor['role'];

export interface Session {
  token: string;
  userId: string;
  role: Role;
  expiresAt: number;
}

const KEY = 'arbiter.session';
const ROLES: readonly string[] = ['buyer', 'supplier', 'specialist', 'reviewer', 'platform', 'admin'];
type Listener = () => void;
const listeners = new Set<Listener>();
let ended: 'signed_out' | 'expired' | null = null;
let current: Session | null = read();

/**
 * What a bearer token says about its holder (it is checked by the API, not here): `sub`, `role`, `exp`.
 * Null when the text is not a token of that shape.
 */
export function sessionOf(token: string): Session | null {
  const [, payload, signature, ...rest] = token.trim().split('.');
  if (!payload || !signature || rest.length) return null;
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown; role?: unknown; exp?: unknown };
    if (typeof claims.sub !== 'string' || typeof claims.role !== 'string' || !ROLES.includes(claims.role) || typeof claims.exp !== 'number') return null;
    return { token: token.trim(), userId: claims.sub.toLowerCase(), role: claims.role as Role, expiresAt: claims.exp * 1000 };
  } catch {
    return null;
  }
}

function read(): Session | null {
  const token = sessionStorage.getItem(KEY);
  const session = token ? sessionOf(token) : null;
  return session && session.expiresAt > Date.now() ? session : null;
}

function publish(next: Session | null): void {
  current = next;
  for (const listener of listeners) listener();
}

/** Kept for the tab (session storage): it survives a reload and a typed URL, never goes into one. */
export function signIn(session: Session): void {
  sessionStorage.setItem(KEY, session.token);
  ended = null;
  publish(session);
}

export function signOut(reason: 'signed_out' | 'expired' = 'signed_out'): void {
  sessionStorage.removeItem(KEY);
  ended = reason;
  publish(null);
}

export function currentSession(): Session | null {
  if (current && current.expiresAt <= Date.now()) signOut('expired');
  return current;
}

/** Why there is no session: the user signed out, or the token expired (the sign-in page says which). */
export function sessionEndReason(): 'signed_out' | 'expired' | null {
  return ended;
}

/** Called whenever someone signs in or out (the cache of the previous person's data is dropped then). */
export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): Session | null {
  return useSyncExternalStore(onSessionChange, () => current);
}

/** The page each role starts on. */
export function homeOf(role: Role): string {
  switch (role) {
    case 'buyer':
      return '/orders';
    case 'specialist':
    case 'reviewer':
      return '/queue';
    case 'admin':
      return '/admin';
    default:
      return '/cases';
  }
}
