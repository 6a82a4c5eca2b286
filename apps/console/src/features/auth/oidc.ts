import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { consoleConfig } from '../../lib/config';

let manager: UserManager | undefined;

/** OpenID Connect against the identity provider of AUTH_JWKS_URL (config.json `oidc`); tokens stay in session storage. */
export function oidcManager(): UserManager | null {
  const oidc = consoleConfig().oidc;
  if (!oidc) return null;
  manager ??= new UserManager({
    authority: oidc.authority,
    client_id: oidc.clientId,
    redirect_uri: oidc.redirectUri,
    scope: oidc.scope,
    response_type: 'code',
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
  return manager;
}

/** Off to the identity provider; `next` is where to come back to (kept in the OIDC state, not the URL). */
export function signInWithProvider(next: string): Promise<void> {
  return oidcManager()!.signinRedirect({ state: { next } });
}
