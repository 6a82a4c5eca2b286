import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { consoleTestSettings } from '../../libs/config/src/console-test-settings';
import { consoleTestEnv } from './e2e/support/stack-env';

const settings = consoleTestSettings();
const stack = consoleTestEnv();
const root = fileURLToPath(new URL('../..', import.meta.url));
/** Screenshots and traces: kept by CI as the run's artifacts, never committed (.gitignore). */
export const RESULTS_DIR = settings.resultsDir ?? `${root}test-results/console`;

// Debian's Chromium (STACK-NOTES.md "Browser tests"): Playwright's own download cannot be reached here.
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export default defineConfig({
  testDir: './e2e',
  testMatch: /.*\.browser\.ts$/,
  // Timings are benchmarks (npm run bench:console), kept out of the tests (STYLE.md, HELPER-GUIDE.md).
  ...(settings.bench ? { grep: /@bench/ } : { grepInvert: /@bench/ }),
  outputDir: `${RESULTS_DIR}/playwright`,
  // One worker: "Take next case" takes the oldest case of a queue the journeys share.
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: `${RESULTS_DIR}/results.json` }]],
  use: {
    baseURL: stack.consoleUrl,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    video: 'off',
    launchOptions: { executablePath: settings.chromiumPath, args: CHROMIUM_FLAGS },
  },
  webServer: {
    command: 'node -r @swc-node/register scripts/console-test-stack.ts',
    cwd: root,
    url: `${stack.consoleUrl}/health`,
    env: { ARBITER_CONSOLE_TEST_RUN: stack.run },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
  },
});
