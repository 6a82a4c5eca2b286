import { z } from 'zod';

// The browser tests' own settings (apps/console/e2e): where their stack listens, which PostgreSQL and Redis it
// uses, where results go. Read here, like every other setting, so a bad value stops the run naming the variable.
// Imported by path from the Playwright config, so it depends on zod alone.

const schema = z.object({
  ARBITER_CONSOLE_TEST_RUN: z.string().regex(/^[a-z0-9]{1,40}$/, 'must be lower-case letters and digits').optional(),
  ARBITER_CONSOLE_TEST_PORT: z.coerce.number().int().min(1024).max(65_532).default(3100),
  ARBITER_TEST_ADMIN_DATABASE_URL: z.url().default('postgres://root@127.0.0.1:5432/postgres'),
  ARBITER_TEST_REDIS_URL: z.url().default('redis://127.0.0.1:6379/0'),
  CONSOLE_TEST_RESULTS: z.string().min(1).optional(),
  CONSOLE_BENCH: z.string().optional(),
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  // A second stack of the OpenID Connect test (apps/console/e2e/oidc-sign-in.browser.ts) signs in through this
  // identity provider instead of the repository's test secret.
  ARBITER_CONSOLE_TEST_OIDC_ISSUER: z.url({ protocol: /^https$/ }).optional(),
});

export interface ConsoleTestSettings {
  /** One id for the Playwright runner, its workers and the stack: names the database, bucket and queues. */
  run: string;
  port: number;
  adminDatabaseUrl: string;
  redisUrl: string;
  resultsDir: string | undefined;
  /** `npm run bench:console`: run the timed @bench tests instead of the others. */
  bench: boolean;
  chromiumPath: string;
  /** The identity provider's issuer when this stack signs in through OpenID Connect. */
  oidcIssuer: string | undefined;
}

export function consoleTestSettings(env: NodeJS.ProcessEnv = process.env): ConsoleTestSettings {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`console test settings: ${problems}`);
  }
  const settings = parsed.data;
  // The runner picks the id once; its workers and the stack inherit it through the environment.
  const run = (env.ARBITER_CONSOLE_TEST_RUN = settings.ARBITER_CONSOLE_TEST_RUN ?? `${Date.now().toString(36)}${process.pid.toString(36)}`);
  return {
    run,
    port: settings.ARBITER_CONSOLE_TEST_PORT,
    adminDatabaseUrl: settings.ARBITER_TEST_ADMIN_DATABASE_URL,
    redisUrl: settings.ARBITER_TEST_REDIS_URL,
    resultsDir: settings.CONSOLE_TEST_RESULTS,
    bench: !!settings.CONSOLE_BENCH,
    chromiumPath: settings.CHROMIUM_PATH,
    oidcIssuer: settings.ARBITER_CONSOLE_TEST_OIDC_ISSUER,
  };
}

/** The environment of a process a test starts: this one's, with the test's own settings over it. */
export function childProcessEnv(overrides: Record<string, string>, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, ...overrides };
}
