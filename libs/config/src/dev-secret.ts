import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The HS256 secret for development tokens: AUTH_JWT_SECRET, else the local default of config/development.env. */
export function developmentTokenSecret(): string {
  if (process.env.AUTH_JWT_SECRET) return process.env.AUTH_JWT_SECRET;
  const file = readFileSync(join(__dirname, '../../../config/development.env'), 'utf8');
  const match = /^AUTH_JWT_SECRET=(.+)$/m.exec(file);
  if (!match) throw new Error('config/development.env has no AUTH_JWT_SECRET');
  return match[1].trim();
}
