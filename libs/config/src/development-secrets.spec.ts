import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { productionSecretProblem } from './development-secrets';

const ROOT = join(__dirname, '../../..');

// Where the repository writes down secrets: env files, compose, the Dockerfile, `npm start`, the test kit, benches.
const SCANNED = ['config', '.env.example', 'docker-compose.yml', 'Dockerfile', 'scripts', 'libs/testing/src', 'bench'];
const SECRET_NAME = /SECRET|PASSWORD|PASSWD|PRIVATE_KEY|_TOKEN$|_PASS$/i;

interface Found {
  where: string;
  value: string;
}

function files(path: string): string[] {
  const full = join(ROOT, path);
  if (!statSync(full, { throwIfNoEntry: false })) return [];
  if (statSync(full).isFile()) return [full];
  return readdirSync(full).flatMap((name) => files(join(path, name)));
}

/** The literal values: `${VAR:-default}` has its default, `${VAR:?message}` has none. */
function literals(value: string): string[] {
  const unquoted = value.trim().replace(/^(["'])(.*)\1$/, '$2');
  if (!unquoted.includes('${')) return unquoted && !unquoted.startsWith('$') ? [unquoted] : [];
  return [...unquoted.matchAll(/\$\{\w+:?-([^}]*)\}/g)].map((m) => m[1]).filter(Boolean);
}

/** Every secret-looking value written in the scanned files, with where it is. */
function secretsInRepository(): Found[] {
  const found: Found[] = [];
  for (const file of SCANNED.flatMap(files)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, index) => {
      const where = `${relative(ROOT, file)}:${index + 1}`;
      // KEY=value (env files, also commented out) and KEY: value (YAML).
      const assignment = /^\s*#?\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*[=:]\s*([^#\s][^#]*?)\s*(?:#.*)?$/.exec(line);
      if (assignment && SECRET_NAME.test(assignment[1])) {
        for (const value of literals(assignment[2])) found.push({ where, value });
      }
      // The password of any connection URL, `scheme://user:password@host`.
      for (const match of line.matchAll(/[a-z][a-z0-9+.-]*:\/\/[^\s:@/'"`]*:([^\s@/'"`]+)@/gi)) {
        if (!match[1].includes('$')) found.push({ where, value: decodeURIComponent(match[1]) });
      }
      // String literals given to a secret in code: `TEST_JWT_SECRET = '…'`, `password: '…'`, `S3_SECRET_ACCESS_KEY: '…'`.
      for (const match of line.matchAll(/(?:secret|password)\w*['"]?\s*[:=]\s*(['"`])([^'"`$]+)\1/gi)) {
        found.push({ where, value: match[2] });
      }
    });
  }
  return found;
}

describe('the secrets written in the repository', () => {
  const found = secretsInRepository();

  it('finds the ones known to be there (the scan itself works)', () => {
    const values = found.map((f) => f.value);
    const expected = [
      'local-development-only-secret-do-not-deploy-0000', // config/development.env
      'test-only-secret-not-used-anywhere-else-0123456789', // libs/testing
      'replace-with-the-output-of-openssl-rand-hex-32', // .env.example
      'at-least-32-characters-of-randomness', // config/example.env
      'S3RVER', // s3rver's keys
      'arbiter-local', // npm start's embedded PostgreSQL
    ];
    expect(values).toEqual(expect.arrayContaining(expected));
  });

  it('are all refused in production: listed in REPOSITORY_SECRETS or shorter than 32 characters', () => {
    const accepted = found.filter(({ value }) => productionSecretProblem(value) === undefined);
    // A failure names file:line; add the value to REPOSITORY_SECRETS (development-secrets.ts).
    expect(accepted.map(({ where, value }) => `${where}: ${value}`)).toEqual([]);
  });
});
