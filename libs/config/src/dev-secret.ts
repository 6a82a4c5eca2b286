import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './app-config';

export interface DevelopmentTokenSettings {
  secret: string;
  /** The claims the services expect when AUTH_ISSUER / AUTH_AUDIENCE are set. */
  issuer?: string;
  audience?: string;
}

/**
 * What `npm run token` signs with: AUTH_JWT_SECRET, else the local default of config/development.env, and
 * AUTH_ISSUER / AUTH_AUDIENCE. Refuses with NODE_ENV=production: tokens there come from the identity provider.
 */
export function developmentTokenSettings(env: Record<string, string | undefined> = process.env): DevelopmentTokenSettings {
  if (env.NODE_ENV === 'production') {
    throw new ConfigError('npm run token signs development tokens only: it refuses to run with NODE_ENV=production');
  }
  return { secret: env.AUTH_JWT_SECRET || developmentEnvSecret(), issuer: env.AUTH_ISSUER || undefined, audience: env.AUTH_AUDIENCE || undefined };
}

function developmentEnvSecret(): string {
  const file = readFileSync(join(__dirname, '../../../config/development.env'), 'utf8');
  const match = /^AUTH_JWT_SECRET=(.+)$/m.exec(file);
  if (!match) throw new ConfigError('config/development.env has no AUTH_JWT_SECRET');
  return match[1].trim();
}
