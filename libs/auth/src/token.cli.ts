import { developmentTokenSecret } from '@app/config';
import { randomUUID } from 'node:crypto';
import { signToken } from './dev-token';
import { ROLES, UserRole } from './principal';

// npm run token -- <role> [userId]: prints a 12-hour development token for curl.
async function main(): Promise<void> {
  const [role, userId = randomUUID()] = process.argv.slice(2);
  if (!(ROLES as readonly string[]).includes(role)) {
    console.error(`usage: npm run token -- <${ROLES.join('|')}> [userId]`);
    process.exit(2);
  }
  console.log(await signToken(developmentTokenSecret(), role as UserRole, userId));
}

void main();
