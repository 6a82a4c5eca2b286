import { type Session, sessionOf, signIn } from '../../lib/session';

/**
 * Signs in with a bearer token once the API accepts it: the console reads the token's role and user, the API
 * decides whether it is valid. Returns a sentence for the person when it is not.
 */
export async function acceptToken(token: string): Promise<{ session: Session } | { error: string }> {
  const session = sessionOf(token);
  if (!session) return { error: 'This is not an access token: paste the whole token (three parts separated by dots).' };
  if (session.expiresAt <= Date.now()) return { error: 'This token has expired: get a new one.' };
  const probe = await fetch('/v1/cases?limit=1', { headers: { Authorization: `Bearer ${session.token}` } }).catch(() => null);
  if (!probe) return { error: 'The case API could not be reached. Check the connection and try again.' };
  if (probe.status === 401) return { error: 'The API refused this token: it is expired, or was not issued for this Arbiter.' };
  signIn(session);
  return { session };
}
