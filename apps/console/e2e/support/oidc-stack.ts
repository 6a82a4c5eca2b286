// A second stack for the OpenID Connect sign-in (scripts/console-test-stack.ts again, on its own ports, database
// and queue prefix): its APIs take tokens from the test's identity provider (AUTH_JWKS_URL), trust that
// provider's certificate (NODE_EXTRA_CA_CERTS) and offer the console's sign-in through it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { childProcessEnv, consoleTestSettings } from '../../../../libs/config/src/console-test-settings';
import { consoleTestEnv } from './stack-env';

const ROOT = join(__dirname, '../../../..');

/** Its own run id (database, bucket, queues) and ports: ten above the main stack's. */
function oidcStackSettings(oidcIssuer?: string) {
  const settings = consoleTestSettings();
  return { ...settings, run: `${settings.run}oidc`, port: settings.port + 10, oidcIssuer };
}

/** Where its console is, known before the identity provider that must name it starts. */
export const OIDC_CONSOLE_URL = consoleTestEnv(oidcStackSettings()).consoleUrl;

export async function startOidcStack(idp: { issuer: string; caFile: string }) {
  const own = oidcStackSettings(idp.issuer);
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'scripts/console-test-stack.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: childProcessEnv({
      ARBITER_CONSOLE_TEST_RUN: own.run,
      ARBITER_CONSOLE_TEST_PORT: String(own.port),
      ARBITER_CONSOLE_TEST_OIDC_ISSUER: idp.issuer,
      NODE_EXTRA_CA_CERTS: idp.caFile,
    }),
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"ready":true')) resolve();
    });
    void exited.then((code) => reject(new Error(`the OIDC stack exited (${code}) before it was ready:\n${output}`)));
  });
  return {
    /** Stops it; it drops its database, queue keys and stored objects on SIGTERM. */
    async stop(): Promise<void> {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
