import { runToExit } from '@app/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/** KEY=value lines of one of the repository's env files. */
function envFile(path: string): Record<string, string> {
  const entries = readFileSync(join(ROOT, path), 'utf8')
    .split('\n')
    .map((line) => /^([A-Z0-9_]+)=(.*)$/.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => [match[1], match[2].trim()]);
  return Object.fromEntries(entries);
}

// What someone who read the repository would start the image with: its development secret and s3rver's keys,
// config/example.env's database, and .env.example's Redis password placeholder.
const development = envFile('config/development.env');
const composePlaceholders = envFile('.env.example');
const repositoryEnv = {
  ...development,
  NODE_ENV: 'production',
  LOG_LEVEL: 'info',
  DATABASE_URL: envFile('config/example.env').DATABASE_URL,
  REDIS_URL: `redis://:${composePlaceholders.REDIS_PASSWORD}@127.0.0.1:6379/0`,
  S3_ENDPOINT: 'http://127.0.0.1:9000',
};
const secrets = [development.AUTH_JWT_SECRET, development.S3_SECRET_ACCESS_KEY, composePlaceholders.REDIS_PASSWORD];

describe('The production image trusts the development secret', () => {
  it('sets NODE_ENV=production in the image', () => {
    const finalStage = readFileSync(join(ROOT, 'Dockerfile'), 'utf8').split(/^FROM /m).pop()!;
    expect(finalStage).toMatch(/^ENV NODE_ENV=production$/m);
  });

  it.each([
    ['the case API', 'apps/case-api/src/main.ts'],
    ['the evidence service', 'apps/evidence-service/src/main.ts'],
    ['the workers', 'apps/worker/src/main.ts'],
  ])('stops %s at boot with the repository\'s secrets, naming each variable (exit 78)', async (_, main) => {
    const { code, output } = await runToExit(main, repositoryEnv);
    expect(code).toBe(78);
    expect(output).toMatch(/AUTH_JWT_SECRET: is a development secret that appears in the repository/);
    expect(output).toMatch(/S3_SECRET_ACCESS_KEY: is shorter than 32 characters/);
    expect(output).toMatch(/DATABASE_URL: its password is shorter than 32 characters/);
    expect(output).toMatch(/REDIS_URL: its password is a development secret that appears in the repository/);
    for (const secret of secrets) expect(output).not.toContain(secret);
  });

  it('stops the migrations (which read only the database URL) with the repository\'s database password (exit 78)', async () => {
    const { code, output } = await runToExit('libs/database/src/migrate.cli.ts', repositoryEnv);
    expect(code).toBe(78);
    expect(output).toMatch(/DATABASE_URL: its password is shorter than 32 characters/);
    const owner = `postgres://arbiter_owner:${composePlaceholders.ARBITER_DB_OWNER_PASSWORD}@127.0.0.1:5432/arbiter`;
    const withOwner = await runToExit('libs/database/src/migrate.cli.ts', { NODE_ENV: 'production', DATABASE_MIGRATION_URL: owner });
    expect(withOwner.code).toBe(78);
    expect(withOwner.output).toMatch(/DATABASE_MIGRATION_URL: its password is a development secret that appears in the repository/);
  });

  it('has `npm run token` refuse to sign in production', async () => {
    const { code, output } = await runToExit('libs/auth/src/token.cli.ts', { NODE_ENV: 'production', AUTH_JWT_SECRET: development.AUTH_JWT_SECRET }, ['admin']);
    expect(code).toBe(78);
    expect(output).toMatch(/refuses to run with NODE_ENV=production/);
    expect(output).not.toMatch(/eyJ/);
  });
});
