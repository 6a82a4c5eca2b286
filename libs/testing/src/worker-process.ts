import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { waitFor } from './wait-for';

const REPO_ROOT = join(__dirname, '../../..');

export interface WorkerProcess {
  port: number;
  child: ChildProcess;
  /** The last lines it printed, for failure messages. */
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Runs `apps/worker/src/main.ts` as a child process with `env` (e.g. TestSystem.env) and waits until /health answers 200. */
export async function spawnWorker(env: Record<string, string>, readyTimeoutMs = 30_000): Promise<WorkerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, WORKER_PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = once(child, 'exit');
  const worker: WorkerProcess = {
    port,
    child,
    output: () => output,
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
  const healthy = waitFor(async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, {
    timeoutMs: readyTimeoutMs,
    intervalMs: 200,
    what: 'the worker process to be healthy',
  });
  const died = exited.then(([code]) => {
    throw new Error(`the worker exited (${code}) before it was healthy:\n${output}`);
  });
  // Whichever loses the race must not surface as an unhandled rejection.
  healthy.catch(() => undefined);
  died.catch(() => undefined);
  try {
    await Promise.race([healthy, died]);
  } catch (error) {
    await worker.kill();
    throw error;
  }
  return worker;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}
