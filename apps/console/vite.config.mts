import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The console is static files the case API serves at /console (apps/case-api/src/console).
// `npm run dev:console` serves it with Vite for work on the console, calling the case API on :3000.
export default defineConfig({
  root: here('.'),
  base: '/console/',
  resolve: { alias: { '@app/api-client': here('../../libs/api-client/src/index.ts') } },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: here('../../dist/console'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // Mantine's modules start with "use client" (for React Server Components), meaningless in a browser bundle.
      onLog(level, log, handler) {
        if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
      },
    },
  },
  server: { proxy: { '/v1': 'http://localhost:3000', '/console/config.json': 'http://localhost:3000', '/console/development-identities': 'http://localhost:3000' } },
});
