import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

export interface RunningS3 {
  endpoint: string;
  process: ChildProcess;
}

/** Starts scripts/s3-server.js (s3rver) as a child process; it needs the legacy OpenSSL provider (STACK-NOTES.md). */
export async function startS3Server(directory: string, port = 0): Promise<RunningS3> {
  const script = join(__dirname, '../../../scripts/s3-server.js');
  const child = spawn(process.execPath, ['--openssl-legacy-provider', script, directory, String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`S3 server exited with code ${code} before listening`);
  });
  const listening = (async () => {
    for await (const line of lines) {
      const parsed = JSON.parse(line) as { endpoint?: string };
      if (parsed.endpoint) return parsed.endpoint;
    }
    throw new Error('S3 server closed its output before listening');
  })();
  const endpoint = await Promise.race([listening, exited]);
  return { endpoint, process: child };
}
