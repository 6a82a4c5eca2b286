/**
 * Every secret value that appears in this repository: local defaults (config/development.env, `npm start`'s
 * embedded services, s3rver's fixed keys), the tests' secret, and the placeholders of config/example.env
 * and .env.example. Anyone who reads the repository knows them, so production refuses each of them.
 * development-secrets.spec.ts reads the repository's env, compose and test files and fails when a
 * secret-looking value there is neither listed here nor too short for production: the list cannot drift.
 */
export const REPOSITORY_SECRETS: readonly string[] = [
  // config/development.env and the old docker-compose.yml defaults
  'local-development-only-secret-do-not-deploy-0000',
  'arbiter-local-secret',
  // libs/testing
  'test-only-secret-not-used-anywhere-else-0123456789',
  // placeholders of config/example.env and .env.example
  'at-least-32-characters-of-randomness',
  'replace-with-the-output-of-openssl-rand-hex-32',
];

/** Production secrets are at least this long (an HS256 key should carry 256 bits). */
export const PRODUCTION_SECRET_MIN_LENGTH = 32;

/** Why `value` may not be a production secret, or undefined when it may. Never repeats the value. */
export function productionSecretProblem(value: string): string | undefined {
  if (REPOSITORY_SECRETS.includes(value.trim())) {
    return 'is a development secret that appears in the repository; production needs a secret of its own';
  }
  if (value.length < PRODUCTION_SECRET_MIN_LENGTH) {
    return `is shorter than ${PRODUCTION_SECRET_MIN_LENGTH} characters; production needs a longer secret`;
  }
  return undefined;
}

/** The password of a connection URL (`redis://:pass@host`, `postgres://user:pass@host`, or `?password=`). */
export function passwordOf(connectionUrl: string): string | undefined {
  try {
    const url = new URL(connectionUrl);
    const password = url.password ? decodeURIComponent(url.password) : url.searchParams.get('password');
    return password || undefined;
  } catch {
    return undefined;
  }
}
