// An organisation's identity provider, for the console's OpenID Connect sign-in: oidc-provider (panva) over
// HTTPS on loopback with a self-signed certificate made here (openssl), issuing RS256 JWT access tokens for the
// case API (resource indicators, `aud` = AUTH_AUDIENCE) that carry the person's `sub` and `role`. Its people sign
// in on its own login form; the console is a public client (authorization code + PKCE); the marketplace's order
// system is a confidential client of its own (client credentials), as a platform would be.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errors, type KoaContextWithOIDC, Provider } from 'oidc-provider';

export interface IdpPerson {
  email: string;
  password: string;
  sub: string;
  role: string;
}

export interface IdentityProviderOptions {
  /** The case API's audience (AUTH_AUDIENCE): the resource the console's tokens are for. */
  audience: string;
  /** The console's client id (CONSOLE_OIDC_CLIENT_ID) and where it comes back to. */
  clientId: string;
  redirectUri: string;
  people: IdpPerson[];
}

/** Another API of the organisation: its tokens name another audience. */
export const OTHER_AUDIENCE = 'https://reports.example.test/api';
/** The case API's audience, but tokens that live one second (to have an expired one quickly). */
export const SHORT_LIVED_RESOURCE = 'urn:example:case-api:short-lived';

export async function startIdentityProvider(options: IdentityProviderOptions) {
  const dir = mkdtempSync(join(tmpdir(), 'arbiter-idp-'));
  const keyFile = join(dir, 'key.pem');
  const caFile = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', caFile, '-days', '1',
    '-subj', '/CN=Arbiter test identity provider', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });

  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer({ key: readFileSync(keyFile), cert: readFileSync(caFile) }, (req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const platform = { clientId: randomUUID(), secret: randomUUID() };
  const consoleOrigin = new URL(options.redirectUri).origin;
  const signingKey = { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'test-1', alg: 'RS256', use: 'sig' };
  const people = new Map(options.people.map((p) => [p.sub, p]));
  const resourceServer = (resource: string) => {
    if (resource === options.audience) return { scope: 'cases', audience: options.audience, accessTokenFormat: 'jwt' as const, accessTokenTTL: 3600 };
    if (resource === SHORT_LIVED_RESOURCE) return { scope: 'cases', audience: options.audience, accessTokenFormat: 'jwt' as const, accessTokenTTL: 1 };
    if (resource === OTHER_AUDIENCE) return { scope: 'cases', audience: OTHER_AUDIENCE, accessTokenFormat: 'jwt' as const, accessTokenTTL: 3600 };
    throw new errors.InvalidTarget();
  };

  const provider = new Provider(issuer, {
    jwks: { keys: [signingKey] },
    clients: [
      { client_id: options.clientId, token_endpoint_auth_method: 'none', redirect_uris: [options.redirectUri], grant_types: ['authorization_code'], response_types: ['code'] },
      { client_id: platform.clientId, client_secret: platform.secret, grant_types: ['client_credentials'], redirect_uris: [], response_types: [] },
    ],
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // The console asks for no resource: this provider's policy gives it the case API's.
        defaultResource: async (_ctx, _client, oneOf) => oneOf ?? options.audience,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resource) => resourceServer(resource),
      },
    },
    findAccount: async (_ctx, sub) => (people.has(sub) ? { accountId: sub, claims: async () => ({ sub, email: people.get(sub)!.email }) } : undefined),
    extraTokenClaims: async (_ctx, token) => {
      if ('accountId' in token && token.accountId) return { role: people.get(token.accountId)?.role };
      return token.clientId === platform.clientId ? { role: 'platform' } : undefined;
    },
    // Discovery and the JWKS answer any origin; the token endpoint the console's only.
    clientBasedCORS: (_ctx, origin) => origin === consoleOrigin,
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    ttl: { AccessToken: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? 3600, ClientCredentials: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? 600,
      AuthorizationCode: 60, IdToken: 3600, Interaction: 600, Session: 3600, Grant: 3600 },
    cookies: { keys: [randomUUID()] },
  });
  const oidc = provider.callback();
  handle = (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return void oidc(req, res);
    interaction(provider, people, req, res).catch((error: Error) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(error.message));
  };

  return {
    issuer,
    /** The certificate (its own CA): NODE_EXTRA_CA_CERTS for the apps that fetch the JWKS. */
    caFile,
    /** A token from the client credentials grant, as the marketplace's order system gets one (role platform). */
    async platformToken(resource = options.audience): Promise<string> {
      const credentials = Buffer.from(`${platform.clientId}:${platform.secret}`).toString('base64');
      const form = new URLSearchParams({ grant_type: 'client_credentials', resource, scope: 'cases' }).toString();
      const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request(`${issuer}/token`, { method: 'POST', ca: readFileSync(caFile), headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${credentials}` } }, (res) => {
          body(res).then((text) => resolve({ status: res.statusCode ?? 0, text }), reject);
        });
        req.on('error', reject);
        req.end(form);
      });
      const token = status === 200 ? (JSON.parse(text) as { access_token?: string }).access_token : undefined;
      if (!token) throw new Error(`the identity provider's token endpoint answered ${status}: ${text}`);
      return token;
    },
    async stop(): Promise<void> {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The provider's own pages: a login form (email and password), then consent given for its own console. */
async function interaction(provider: Provider, people: Map<string, IdpPerson>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'consent') {
    const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id as string });
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
    return void (await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true }));
  }
  if (req.method === 'POST') {
    const form = new URLSearchParams(await body(req));
    const person = [...people.values()].find((p) => p.email === form.get('email') && p.password === form.get('password'));
    if (person) return void (await provider.interactionFinished(req, res, { login: { accountId: person.sub } }, { mergeWithLastSubmission: false }));
    return loginPage(res, details.uid, 'Wrong email or password.');
  }
  loginPage(res, details.uid);
}

function loginPage(res: ServerResponse, uid: string, error?: string): void {
  res.writeHead(error ? 401 : 200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Example Corp sign-in</title></head>
<body><main><h1>Example Corp</h1>
<form method="post" action="/interaction/${uid}">
${error ? `<p role="alert">${error}</p>` : ''}
<label>Email <input name="email" type="email" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Continue</button>
</form></main></body></html>`);
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
