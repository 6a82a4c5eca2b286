import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { waitFor } from './wait-for';

const REPO_ROOT = join(__dirname, '../../..');

/** The processes' entry points, run from source through SWC as `npm start` does. */
export const MAINS = {
  caseApi: { main: 'apps/case-api/src/main.ts', portVariable: 'CASE_API_PORT' },
  evidence: { main: 'apps/evidence-service/src/main.ts', portVariable: 'EVIDENCE_API_PORT' },
  worker: { main: 'apps/worker/src/main.ts', portVariable: 'WORKER_PORT' },
} as const;

export interface ServiceProcess {
  port: number;
  child: ChildProcess;
  /** The last lines it printed, for failure messages. */
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export type WorkerProcess = ServiceProcess;

export interface SpawnOptions {
  /** LOG_LEVEL of the child; warn unless a test reads its logs. */
  logLevel?: string;
  readyTimeoutMs?: number;
  /** How much of its output to keep. */
  keepChars?: number;
  /** Ready when /health answers 200 (default), or when it answers at all (a dependency is meant to be down). */
  ready?: 'healthy' | 'answering';
}

/** Runs `apps/worker/src/main.ts` as a child process with `env` (e.g. TestSystem.env) and waits until /health answers 200. */
export function spawnWorker(env: Record<string, string>, readyTimeoutMs = 30_000): Promise<WorkerProcess> {
  return spawnService(MAINS.worker, env, { readyTimeoutMs });
}

/** Runs one of the MAINS as a child process on a free port and waits until its /health answers (200, unless told otherwise). */
export async function spawnService(
  service: (typeof MAINS)[keyof typeof MAINS],
  env: Record<string, string>,
  options: SpawnOptions = {},
): Promise<ServiceProcess> {
  const { logLevel = 'warn', readyTimeoutMs = 30_000, keepChars = 4000, ready = 'healthy' } = options;
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', service.main], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, [service.portVariable]: String(port), LOG_LEVEL: logLevel },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-keepChars));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = once(child, 'exit');
  const running: ServiceProcess = {
    port,
    child,
    output: () => output,
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
  const healthy = waitFor(async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok || ready === 'answering', {
    timeoutMs: readyTimeoutMs,
    intervalMs: 200,
    what: `${service.main} to be healthy`,
  });
  const died = exited.then(([code]) => {
    throw new Error(`${service.main} exited (${code}) before it was healthy:\n${output}`);
  });
  // Whichever loses the race must not surface as an unhandled rejection.
  healthy.catch(() => undefined);
  died.catch(() => undefined);
  try {
    await Promise.race([healthy, died]);
  } catch (error) {
    await running.kill();
    throw error;
  }
  return running;
}

/** Runs a script (a main, a CLI) from source with exactly `env` plus PATH, to its end: exit code and everything it printed. */
export async function runToExit(
  script: string,
  env: Record<string, string>,
  args: string[] = [],
  timeoutMs = 30_000,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', script, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code] = (await once(child, 'close')) as [number | null]; // 'close': after its output is read
  clearTimeout(timer);
  return { code, output };
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}
