// The children of `npm start`. Each runs in its own process group, so a terminal's Ctrl-C reaches only the
// supervisor, which then stops the apps first and the services they use (PostgreSQL, Redis, S3) after them.
const { spawn } = require('node:child_process');
const readline = require('node:readline');
const { StartError } = require('./checks');

const STOP_TIMEOUT_MS = 15_000;

class Processes {
  /** `print(name, line)` shows one line of a child's output. */
  constructor(print) {
    this.print = print;
    this.running = [];
    this.stopping = false;
    // A supervisor that dies unexpectedly must not leave its (detached) children behind.
    process.on('exit', () => {
      for (const { child } of this.running) killGroup(child, 'SIGKILL');
    });
  }

  /**
   * Starts `command`; `tier` 'app' stops before 'service'. `onExit(code, signal, lastLines)` is called when it
   * ends while nothing is being stopped; `onLine(line)` sees each output line (e.g. to learn an address).
   */
  start(name, command, args, { tier = 'app', stopSignal = 'SIGTERM', env = process.env, cwd, uid, gid, onLine, onExit } = {}) {
    const child = spawn(command, args, { cwd, env, uid, gid, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const lastLines = [];
    const entry = { name, child, tier, stopSignal };
    entry.exited = new Promise((resolve) => {
      child.once('error', (error) => {
        lastLines.push(error.message);
        resolve({ code: null, signal: null, error });
      });
      child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on('line', (line) => {
        lastLines.push(line);
        if (lastLines.length > 20) lastLines.shift();
        onLine?.(line);
        this.print(name, line);
      });
    }
    entry.exited.then(({ code, signal, error }) => {
      this.running = this.running.filter((other) => other !== entry);
      if (!this.stopping) onExit?.({ code, signal, error, lastLines });
    });
    this.running.push(entry);
    return entry;
  }

  /**
   * Starts a service (tier 'service') and resolves once `isReady(line)` accepts a line of its output. If it ends
   * before that, the promise is rejected with `whyNot(lastLines)` (a StartError); if it ends later, `onExit` is told.
   */
  startService(name, command, args, { isReady, whyNot, onExit, timeoutMs = 60_000, ...options }) {
    let starting = true;
    return new Promise((resolve, reject) => {
      const fail = (error) => {
        starting = false;
        reject(error);
      };
      this.start(name, command, args, {
        tier: 'service',
        ...options,
        onLine: (line) => {
          if (starting && isReady(line)) {
            starting = false;
            resolve();
          }
        },
        onExit: (stopped) => (starting ? fail(whyNot(stopped.lastLines, stopped)) : onExit(stopped)),
      });
      setTimeout(() => starting && fail(new StartError(`${name} did not get ready within ${timeoutMs / 1000} s: see its output above.`)), timeoutMs).unref();
    });
  }

  /** Stops the apps, waits for them, then the services; whatever ignores its signal is killed. */
  async stopAll() {
    this.stopping = true;
    for (const tier of ['app', 'service']) {
      const group = this.running.filter((entry) => entry.tier === tier);
      for (const { child, stopSignal } of group) child.kill(stopSignal);
      await Promise.all(
        group.map(({ child, exited }) => {
          const timer = setTimeout(() => killGroup(child, 'SIGKILL'), STOP_TIMEOUT_MS);
          return exited.finally(() => clearTimeout(timer));
        }),
      );
    }
  }

  /** A second Ctrl-C: no more waiting. */
  killAll() {
    for (const { child } of this.running) killGroup(child, 'SIGKILL');
  }
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

module.exports = { Processes };
