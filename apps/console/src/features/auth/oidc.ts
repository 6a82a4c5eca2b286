import { InMemoryWebStorage, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { consoleConfig } from '../../lib/config';

let manager: UserManager | undefined;

/**
 * OpenID Connect against the identity provider of AUTH_JWKS_URL (config.json `oidc`). Only the sign-in's state
 * crosses the redirect in session storage; the tokens oidc-client-ts gets are held in memory, so the access token
 * is kept once, as the console's session (lib/session.ts), and Sign out leaves no copy behind.
 */
export function oidcManager(): UserManager | null {
  const oidc = consoleConfig().oidc;
  if (!oidc) return null;
  manager ??= new UserManager({
    authority: oidc.authority,
    client_id: oidc.clientId,
    redirect_uri: oidc.redirectUri,
    scope: oidc.scope,
    response_type: 'code',
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    // An expired session asks to sign in again, keeping the page (CONSOLE.md), rather than renewing in an iframe.
    automaticSilentRenew: false,
  });
  return manager;
}

/** Off to the identity provider; `next` is where to come back to (kept in the OIDC state, not the URL). */
export function signInWithProvider(next: string): Promise<void> {
  return oidcManager()!.signinRedirect({ state: { next } });
}
