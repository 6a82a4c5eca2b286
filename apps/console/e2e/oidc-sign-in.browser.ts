// The production sign-in: OpenID Connect (authorization code + PKCE, oidc-client-ts) against a real identity
// provider (oidc-provider over HTTPS, support/identity-provider.ts), on a stack of its own whose APIs take that
// provider's tokens only (support/oidc-stack.ts). Nothing is mocked.
import { expect, type Page, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { deliveredOrder, recordOrder, signedToken } from '../../../scripts/marketplace';
import { type IdpPerson, OTHER_AUDIENCE, SHORT_LIVED_RESOURCE, startIdentityProvider } from './support/identity-provider';
import { OIDC_CONSOLE_URL, startOidcStack } from './support/oidc-stack';
import { checkScreen } from './support/screens';
import { OIDC_AUDIENCE, OIDC_CLIENT_ID, STACK_JWT_SECRET } from './support/stack-env';

const buyer: IdpPerson = { email: 'buyer@example.test', password: randomUUID(), sub: randomUUID(), role: 'buyer' };
let idp: Awaited<ReturnType<typeof startIdentityProvider>>;
let stack: Awaited<ReturnType<typeof startOidcStack>>;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  idp = await startIdentityProvider({ audience: OIDC_AUDIENCE, clientId: OIDC_CLIENT_ID, redirectUri: `${OIDC_CONSOLE_URL}/console/sign-in/callback`, people: [buyer] });
  stack = await startOidcStack(idp);
});

test.afterAll(async () => {
  await stack?.stop();
  await idp?.stop();
});

/** What the tab keeps (session and local storage): each entry's key and value. */
const storage = (page: Page) =>
  page.evaluate(() => [sessionStorage, localStorage].flatMap((store) => Object.keys(store).map((key) => ({ key, value: store.getItem(key) ?? '' }))));

test('a buyer signs in through the identity provider, comes back to the page asked for, sees their orders, and signs out', async ({ browser }) => {
  const externalRef = `PO-${randomUUID().slice(0, 6).toUpperCase()}`;
  await recordOrder({ url: OIDC_CONSOLE_URL, token: await idp.platformToken() }, deliveredOrder(buyer.sub, randomUUID(), { externalRef }));

  // The provider's certificate is its own (self-signed); the case API trusts it through NODE_EXTRA_CA_CERTS.
  const context = await browser.newContext({ baseURL: OIDC_CONSOLE_URL, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  const visited: string[] = [];
  page.on('request', (request) => visited.push(request.url()));

  await page.goto('/console/orders');
  await expect(page).toHaveURL(/\/console\/sign-in\?next=%2Forders$/);
  const provider = page.getByRole('button', { name: `Sign in with ${new URL(idp.issuer).host}` });
  await expect(provider).toBeVisible();
  // Production-like: no development people to pick; a pasted token still works.
  await expect(page.getByRole('button', { name: 'buyer', exact: true })).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Access token' })).toBeVisible();
  await checkScreen(page, 'sign-in-oidc');

  await provider.click();
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await page.getByRole('textbox', { name: 'Email' }).fill(buyer.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');
  await page.getByRole('textbox', { name: 'Email' }).fill(buyer.email);
  await page.getByLabel('Password').fill(buyer.password);
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page).toHaveURL(`${OIDC_CONSOLE_URL}/console/orders`);
  const header = page.getByRole('banner');
  await expect(header.getByText('Buyer', { exact: true })).toBeVisible();
  await expect(header.getByTitle(buyer.sub)).toHaveText(`User ${buyer.sub.slice(0, 8)}`);
  await expect(page.getByRole('link', { name: new RegExp(externalRef) })).toBeVisible();

  // The provider's access token (its `sub` and `role`) is the console's session, kept once, in session storage.
  const kept = await storage(page);
  const session = kept.find((entry) => entry.key === 'arbiter.session');
  expect(session, 'the session is in session storage').toBeDefined();
  const token = session!.value;
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
  expect(claims).toMatchObject({ iss: idp.issuer, aud: OIDC_AUDIENCE, sub: buyer.sub, role: 'buyer', client_id: OIDC_CLIENT_ID });
  expect(kept.filter((entry) => entry.value.includes(token)).map((entry) => entry.key)).toEqual(['arbiter.session']);
  expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
  // Never in a URL: neither a page's nor a request's (the code comes back in the URL, the token never does).
  expect(visited.filter((url) => url.includes(token))).toEqual([]);
  expect(visited.some((url) => url.startsWith(`${OIDC_CONSOLE_URL}/console/sign-in/callback?code=`))).toBe(true);

  await header.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/console\/sign-in/);
  expect((await storage(page)).filter((entry) => entry.value.includes(token))).toEqual([]);
  await context.close();
});

test('the API refuses the provider\'s tokens for another audience and once they have expired', async () => {
  const casesWith = async (token: string) => (await fetch(`${OIDC_CONSOLE_URL}/v1/cases?limit=1`, { headers: { Authorization: `Bearer ${token}` } })).status;
  // The same client, role and subject each time; only the audience or the lifetime differs.
  expect(await casesWith(await idp.platformToken())).toBe(200);
  expect(await casesWith(await idp.platformToken(OTHER_AUDIENCE))).toBe(401);
  const shortLived = await idp.platformToken(SHORT_LIVED_RESOURCE);
  const { exp } = JSON.parse(Buffer.from(shortLived.split('.')[1], 'base64url').toString()) as { exp: number };
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, exp * 1000 - Date.now()) + 1_100));
  expect(await casesWith(shortLived)).toBe(401);
  // Nor is a token signed with the repository's test secret worth anything here.
  expect(await casesWith(signedToken(STACK_JWT_SECRET, 'platform', randomUUID()))).toBe(401);
});
