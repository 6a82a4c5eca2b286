// What `npm start` checks before it starts anything, so a problem ends with one sentence saying what to do.
const net = require('node:net');

/** A failure the newcomer can act on: `npm start` prints the message alone, no stack. */
class StartError extends Error {}

const MINIMUM_NODE = [22, 12];

function checkNode(version = process.versions.node) {
  const [major, minor] = version.split('.').map(Number);
  if (major < MINIMUM_NODE[0] || (major === MINIMUM_NODE[0] && minor < MINIMUM_NODE[1])) {
    throw new StartError(`Node.js ${MINIMUM_NODE.join('.')} or newer is needed (this is ${version}): install Node.js 24 LTS and run npm ci again.`);
  }
}

function checkDependencies(names, from) {
  const missing = names.filter((name) => {
    try {
      require.resolve(name, { paths: [from] });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length) {
    throw new StartError(`${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not installed: run npm ci first (npm start needs the development dependencies too).`);
  }
}

/** Resolves to whether `port` can be listened on the way the apps listen (every address). */
function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/** `preferred` if it is free on loopback, else any free port there (for the services started here). */
function freeLoopbackPort(preferred) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(freeLoopbackPort(0)));
    server.listen(preferred, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function checkPortsFree(variables) {
  for (const variable of variables) {
    const port = Number(process.env[variable]);
    if (!(await portIsFree(port))) {
      throw new StartError(`Port ${port} (${variable}) is already in use, perhaps by another npm start: stop that program, or choose another port, e.g. ${variable}=${port + 10} npm start.`);
    }
  }
}

/** The address without its password, for messages. */
function redact(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

const withTimeout = (promise, ms, what) =>
  Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer from ${what} within ${ms / 1000} s`)), ms).unref())]);

/** Services given by the environment must answer before the apps are started against them. */
async function checkConfiguredServices(env, from) {
  const unreachable = (what, variable, error) =>
    new StartError(`${what} at ${redact(env[variable])} (${variable}) does not answer (${error.message}): start it, or unset ${variable} and npm start runs one itself.`);

  if (env.DATABASE_URL) {
    const { Client } = require(require.resolve('pg', { paths: [from] }));
    const client = new Client({ connectionString: env.DATABASE_URL, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
    } catch (error) {
      throw unreachable('PostgreSQL', 'DATABASE_URL', error);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  if (env.REDIS_URL && env.QUEUE_BACKEND !== 'postgres') {
    const { Redis } = require(require.resolve('ioredis', { paths: [from] }));
    const redis = new Redis(env.REDIS_URL, { lazyConnect: true, connectTimeout: 5000, maxRetriesPerRequest: 0, retryStrategy: () => null });
    let cause;
    redis.on('error', (error) => (cause ??= error));
    try {
      await withTimeout(redis.connect().then(() => redis.ping()), 6000, 'Redis');
    } catch (error) {
      throw unreachable('Redis', 'REDIS_URL', cause ?? error);
    } finally {
      redis.disconnect();
    }
  }
  if (env.S3_ENDPOINT) {
    try {
      await fetch(env.S3_ENDPOINT, { signal: AbortSignal.timeout(5000) });
    } catch (error) {
      throw unreachable('S3 storage', 'S3_ENDPOINT', error.cause ?? error);
    }
  }
}

module.exports = { StartError, checkNode, checkDependencies, checkPortsFree, checkConfiguredServices, freeLoopbackPort, redact };
