import { runToExit, startTestApp, TEST_JWT_SECRET, TestApp, testUser } from '@app/testing';
import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { CaseApiModule } from '../../apps/case-api/src/case-api.module';

const ISSUER = 'https://idp.arbiter.test/';
const AUDIENCE = 'arbiter-api';
const HOUR = 3600;
const now = () => Math.floor(Date.now() / 1000);

interface Claims {
  iat?: number;
  exp: number;
  iss?: string;
  aud?: string;
}

/** A buyer token signed with the right key, carrying exactly the claims given. */
function token({ iat, exp, iss, aud }: Claims): Promise<string> {
  const jwt = new SignJWT({ role: 'buyer' }).setProtectedHeader({ alg: 'HS256' }).setSubject(randomUUID()).setExpirationTime(exp);
  if (iat !== undefined) jwt.setIssuedAt(iat);
  if (iss) jwt.setIssuer(iss);
  if (aud) jwt.setAudience(aud);
  return jwt.sign(new TextEncoder().encode(TEST_JWT_SECRET));
}

const caseApi = (env: Record<string, string> = {}) => startTestApp((config, clock) => CaseApiModule.forRoot(config, clock), env);

describe('Tokens: no issuer or audience check, a token valid for 100 years accepted, so was one issued a year in the future', () => {
  let strict: TestApp;
  let plain: TestApp;

  beforeAll(async () => {
    strict = await caseApi({ AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE });
    plain = await caseApi();
  });
  afterAll(async () => {
    await strict?.close();
    await plain?.close();
  });

  const status = async (t: TestApp, claims: Claims) => (await t.http.get('/v1/cases').set('Authorization', `Bearer ${await token(claims)}`)).status;

  it('accepts a token of the right issuer and audience that lives an hour', async () => {
    expect(await status(strict, { iat: now(), exp: now() + HOUR, iss: ISSUER, aud: AUDIENCE })).toBe(200);
  });

  it('refuses a token of another issuer or audience, or without them, with 401 unauthenticated', async () => {
    const refused = await strict.http
      .get('/v1/cases')
      .set('Authorization', `Bearer ${await token({ iat: now(), exp: now() + HOUR, iss: 'https://evil.example/', aud: AUDIENCE })}`)
      .expect(401);
    expect(refused.body).toMatchObject({ code: 'unauthenticated' });
    expect(await status(strict, { iat: now(), exp: now() + HOUR, iss: ISSUER, aud: 'another-service' })).toBe(401);
    expect(await status(strict, { iat: now(), exp: now() + HOUR })).toBe(401);
  });

  it('refuses a token valid for 100 years (AUTH_MAX_TOKEN_AGE, 24 hours by default)', async () => {
    expect(await status(plain, { iat: now(), exp: now() + 100 * 365 * 24 * HOUR })).toBe(401);
    expect(await status(plain, { iat: now(), exp: now() + 25 * HOUR })).toBe(401);
    expect(await status(plain, { iat: now(), exp: now() + 24 * HOUR })).toBe(200);
    // Without iat the lifetime left counts: exp - now.
    expect(await status(plain, { exp: now() + 25 * HOUR })).toBe(401);
    expect(await status(plain, { exp: now() + 23 * HOUR })).toBe(200);
    // An old iat with a distant exp is a long lifetime too.
    expect(await status(plain, { iat: now() - 30 * 24 * HOUR, exp: now() + HOUR })).toBe(401);
  });

  it('refuses a token issued in the future beyond 60 s of clock skew', async () => {
    expect(await status(plain, { iat: now() + 365 * 24 * HOUR, exp: now() + 365 * 24 * HOUR + HOUR })).toBe(401);
    expect(await status(plain, { iat: now() + 90, exp: now() + HOUR })).toBe(401);
    expect(await status(plain, { iat: now() + 30, exp: now() + HOUR })).toBe(200);
  });

  it('keeps development tokens working: the tests\' testUser and `npm run token`, also with an issuer and audience', async () => {
    await plain.http.get('/v1/cases').set((await testUser('buyer')).auth).expect(200);
    const cli = await runToExit('libs/auth/src/token.cli.ts', { NODE_ENV: 'development', AUTH_JWT_SECRET: TEST_JWT_SECRET }, ['buyer']);
    expect(cli.code).toBe(0);
    await plain.http.get('/v1/cases').set('Authorization', `Bearer ${cli.output.trim()}`).expect(200);
    const withClaims = await runToExit(
      'libs/auth/src/token.cli.ts',
      { NODE_ENV: 'development', AUTH_JWT_SECRET: TEST_JWT_SECRET, AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE },
      ['admin'],
    );
    await strict.http.get('/v1/cases').set('Authorization', `Bearer ${withClaims.output.trim()}`).expect(200);
  });
});
