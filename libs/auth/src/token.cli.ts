import { ConfigError, developmentTokenSettings } from '@app/config';
import { randomUUID } from 'node:crypto';
import { signToken } from './dev-token';
import { ROLES, UserRole } from './principal';

// npm run token -- <role> [userId]: prints a 12-hour development token for curl. Never in production.
async function main(): Promise<void> {
  const [role, userId = randomUUID()] = process.argv.slice(2);
  if (!(ROLES as readonly string[]).includes(role)) {
    console.error(`usage: npm run token -- <${ROLES.join('|')}> [userId]`);
    process.exit(2);
  }
  const { secret, issuer, audience } = developmentTokenSettings();
  console.log(await signToken(secret, role as UserRole, userId, { issuer, audience }));
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(error instanceof ConfigError ? 78 : 1);
});
