import { TEST_ADMIN_DATABASE_URL } from '@app/testing';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

// scripts/ is plain JavaScript that `node` runs before anything is built or installed.
const root = resolve(__dirname, '..');
const { formatLine } = require('../scripts/dev/log-format.js') as {
  formatLine(name: string, line: string, options?: { colour?: boolean; now?: Date }): string | null;
};
const { Processes } = require('../scripts/dev/processes.js') as {
  Processes: new (print: (name: string, line: string) => void) => { stopAll(): Promise<void> };
};
const { startPostgres, SHARED_HOME } = require('../scripts/dev/postgres.js') as {
  startPostgres(options: { root: string; processes: unknown; log(text: string): void; onExit(): void }): Promise<string>;
  SHARED_HOME: string;
};

describe('npm start in a terminal: one readable line per log line', () => {
  const at = new Date(2026, 11, 1, 23, 5, 52, 120);
  const pino = (entry: object) => JSON.stringify({ level: 30, time: at.getTime(), pid: 1, hostname: 'vm', ...entry });

  it('shows a request as time, level, app, method, url, status and duration', () => {
    const line = pino({ req: { id: 'r1', method: 'POST', url: '/v1/orders', headers: {} }, res: { statusCode: 201, headers: {} }, responseTime: 45, msg: 'request completed' });
    expect(formatLine('case-api', line)).toBe('23:05:52.120 INFO  case-api POST /v1/orders 201 45 ms');
  });

  it('shows an error with its message on the same line, and the fields the message leaves out', () => {
    const failed = pino({ level: 50, req: { method: 'GET', url: '/v1/queue' }, res: { statusCode: 500 }, responseTime: 12, msg: 'request errored', err: { type: 'QueryFailedError', message: 'operator does not exist:\n uuid = text' } });
    expect(formatLine('case-api', failed)).toBe('23:05:52.120 ERROR case-api GET /v1/queue 500 12 ms request errored: QueryFailedError: operator does not exist: uuid = text');
    const logged = pino({ level: 40, context: 'RefundsProcessor', msg: 'retrying', caseId: 'c1', attempt: 3 });
    expect(formatLine('worker', logged)).toBe('23:05:52.120 WARN  worker   [RefundsProcessor] retrying caseId=c1 attempt=3');
  });

  it("leaves out Nest's per-module and per-route boot lines, keeps the rest", () => {
    expect(formatLine('case-api', pino({ context: 'InstanceLoader', msg: 'AuthModule dependencies initialized' }))).toBeNull();
    expect(formatLine('case-api', pino({ context: 'RouterExplorer', msg: 'Mapped {/v1/orders, POST} route' }))).toBeNull();
    expect(formatLine('case-api', pino({ context: 'NestApplication', msg: 'Nest application successfully started' }))).toBe(
      '23:05:52.120 INFO  case-api [NestApplication] Nest application successfully started',
    );
  });

  it("gives PostgreSQL's and Redis's own lines the same shape, and passes any other line through", () => {
    const options = { now: at };
    expect(formatLine('postgres', '2026-12-01 23:05:52.133 UTC [20365] LOG:  database system is ready to accept connections', options)).toBe(
      '23:05:52.120 INFO  postgres database system is ready to accept connections',
    );
    expect(formatLine('postgres', '2026-12-01 23:05:52.133 UTC [20365] FATAL:  lock file "postmaster.pid" already exists', options)).toBe(
      '23:05:52.120 FATAL postgres lock file "postmaster.pid" already exists',
    );
    expect(formatLine('redis', '20392:M 01 Dec 2026 23:05:52.730 * Ready to accept connections', options)).toBe('23:05:52.120 INFO  redis    Ready to accept connections');
    expect(formatLine('migrate', 'Database is up to date.', options)).toBe('23:05:52.120       migrate  Database is up to date.');
  });

  it('colours the level only when asked', () => {
    expect(formatLine('worker', pino({ level: 50, msg: 'boom' }), { colour: true })).toBe('23:05:52.120 \x1b[31mERROR\x1b[0m worker   boom');
  });
});

describe('npm start that cannot succeed: one sentence saying what to do', () => {
  const servers: Server[] = [];
  afterAll(() => servers.forEach((server) => server.close()));

  const listening = () =>
    new Promise<Server>((done) => {
      const server = createServer();
      servers.push(server);
      server.listen(0, () => done(server));
    });
  const portOf = (server: Server) => (server.address() as { port: number }).port;
  async function closedPort(): Promise<number> {
    const server = await listening();
    const port = portOf(server);
    await new Promise((done) => server.close(done));
    return port;
  }
  async function freeAppPorts(): Promise<Record<string, string>> {
    const [caseApi, evidence, worker] = await Promise.all([closedPort(), closedPort(), closedPort()]);
    return { CASE_API_PORT: String(caseApi), EVIDENCE_API_PORT: String(evidence), WORKER_PORT: String(worker) };
  }

  function npmStart(env: Record<string, string>): Promise<{ code: number | null; lines: string[] }> {
    return new Promise((done) => {
      const child = spawn(process.execPath, ['scripts/dev-start.js'], { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/', ...env } });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('exit', (code) => done({ code, lines: output.trim().split('\n') }));
    });
  }

  function expectOneSentence({ code, lines }: { code: number | null; lines: string[] }, sentence: RegExp) {
    expect(code).toBe(1);
    expect(lines.at(-1)).toMatch(sentence);
    expect(lines.filter((line) => line.startsWith('[arbiter]'))).toHaveLength(1);
    expect(lines.filter((line) => /^\s+at /.test(line))).toEqual([]); // no stack trace
  }

  it('names a port that is taken and how to choose another', async () => {
    const taken = portOf(await listening());
    const result = await npmStart({ ...(await freeAppPorts()), EVIDENCE_API_PORT: String(taken) });
    expectOneSentence(result, new RegExp(`^\\[arbiter\\] Port ${taken} \\(EVIDENCE_API_PORT\\) is already in use.*EVIDENCE_API_PORT=${taken + 10} npm start\\.$`));
  });

  it('names a configured Redis that does not answer', async () => {
    const redisPort = await closedPort();
    const result = await npmStart({ ...(await freeAppPorts()), DATABASE_URL: TEST_ADMIN_DATABASE_URL, REDIS_URL: `redis://127.0.0.1:${redisPort}/0` });
    expectOneSentence(result, new RegExp(`^\\[arbiter\\] Redis at redis://127.0.0.1:${redisPort}/0 \\(REDIS_URL\\) does not answer \\(.*ECONNREFUSED.*\\): start it, or unset REDIS_URL`));
  });

  it('names a configured PostgreSQL that does not answer, without its password', async () => {
    const databasePort = await closedPort();
    const result = await npmStart({ ...(await freeAppPorts()), DATABASE_URL: `postgres://arbiter:secret@127.0.0.1:${databasePort}/arbiter` });
    expectOneSentence(result, new RegExp(`^\\[arbiter\\] PostgreSQL at postgres://arbiter:\\*\\*\\*@127.0.0.1:${databasePort}/arbiter \\(DATABASE_URL\\) does not answer`));
    expect(result.lines.join('\n')).not.toContain('secret');
  });
});

describe('npm start: embedded PostgreSQL where the user it runs as can reach it', () => {
  const asRoot = process.getuid?.() === 0;
  const parent = mkdtempSync(join(tmpdir(), 'arbiter-dev-start-'));
  chmodSync(parent, 0o755);
  const started: Array<{ stopAll(): Promise<void> }> = [];
  afterAll(async () => {
    await Promise.all(started.map((processes) => processes.stopAll()));
    for (const checkout of ['open/arbiter', 'private/arbiter']) {
      const link = join(parent, checkout, '.data', 'postgres');
      if (!existsSync(link) || !lstatSync(link).isSymbolicLink()) continue;
      for (const made of [readlinkSync(link), `${readlinkSync(link)}.txt`]) rmSync(made, { recursive: true, force: true });
    }
    rmSync(parent, { recursive: true, force: true });
  });

  /** A checkout with this one's node_modules, under a parent with `mode`. */
  function checkout(dir: string, mode: number): string {
    mkdirSync(join(parent, dir), { mode });
    chmodSync(join(parent, dir), mode);
    const path = join(parent, dir, 'arbiter');
    mkdirSync(join(path, '.data'), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(path, 'node_modules'));
    return path;
  }

  async function withDatabase<T>(path: string, work: (client: Client) => Promise<T>): Promise<T> {
    const processes = new Processes(() => undefined);
    started.push(processes);
    const url = await startPostgres({ root: path, processes, log: () => undefined, onExit: () => undefined });
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
      await processes.stopAll();
    }
  }

  const kept = (client: Client) => client.query<{ note: string }>('SELECT note FROM kept').then((result) => result.rows.map((row) => row.note));

  it('runs from a checkout others may traverse with the data in .data/postgres', async () => {
    const path = checkout('open', 0o755);
    await withDatabase(path, (client) => client.query("CREATE TABLE kept AS SELECT 'first start' AS note"));
    const data = join(path, '.data', 'postgres');
    expect(lstatSync(data).isDirectory()).toBe(true);
    expect(statSync(data).mode & 0o777).toBe(0o700);
    expect(await withDatabase(path, kept)).toEqual(['first start']);
  }, 60_000);

  it('as root under a chmod 700 directory, keeps a copy where the postgres user can reach it, linked from .data/postgres', async () => {
    const path = checkout('private', 0o700);
    await withDatabase(path, (client) => client.query("CREATE TABLE kept AS SELECT 'first start' AS note"));
    const link = join(path, '.data', 'postgres');
    if (!asRoot) {
      // Not root: PostgreSQL runs as this user, who can reach its own private directory.
      expect(lstatSync(link).isDirectory()).toBe(true);
      return;
    }
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    const data = readlinkSync(link);
    expect(data.startsWith(`${SHARED_HOME}/data-`)).toBe(true);
    expect(statSync(data).mode & 0o777).toBe(0o700);
    expect(statSync(data).uid).not.toBe(0);
    expect(statSync(SHARED_HOME).mode & 0o777).toBe(0o750);

    // A second start finds the same data; without .data the checkout starts afresh.
    expect(await withDatabase(path, kept)).toEqual(['first start']);
    rmSync(join(path, '.data'), { recursive: true });
    mkdirSync(join(path, '.data'));
    await withDatabase(path, async (client) => {
      expect((await client.query("SELECT to_regclass('kept') AS kept")).rows[0].kept).toBeNull();
    });
    expect(readlinkSync(link)).toBe(data);
  }, 90_000);

  it('as root, never hands to the postgres user a directory that a link in the checkout points to elsewhere', async () => {
    const path = checkout('linked', 0o755);
    const elsewhere = mkdtempSync(join(parent, 'elsewhere-'));
    symlinkSync(elsewhere, join(path, '.data', 'postgres'));
    const processes = new Processes(() => undefined);
    started.push(processes);
    const starting = startPostgres({ root: path, processes, log: () => undefined, onExit: () => undefined });
    if (!asRoot) {
      // Not root: nothing changes owner, and data kept on another disk through a link is the user's choice.
      await expect(starting).resolves.toMatch(/^postgres:\/\//);
      expect(existsSync(join(elsewhere, 'PG_VERSION'))).toBe(true);
      return;
    }
    await expect(starting).rejects.toThrow(`.data/postgres links to ${elsewhere}, which npm start did not make: delete the link to start with an empty database.`);
    expect(statSync(elsewhere).uid).toBe(0);
  });
});
