import type { AppConfig } from '@app/config';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';

export const CONSOLE_PATH = '/console';
const ASSETS = '/assets/';

/**
 * The built console (Vite's output, `npm run build:console`) at /console: files as they are, hashed assets
 * cached for good, and every other path under /console answered with index.html, so a deep link or a reload
 * opens the page the browser router draws. `/` leads to the console.
 */
export function consoleRouter(config: AppConfig): Router {
  const directory = config.console.directory;
  const router = Router();
  router.get('/', (_req, res) => res.redirect(302, `${CONSOLE_PATH}/`));
  router.use(CONSOLE_PATH, withConsolePolicy(contentSecurityPolicy(config)));
  if (!existsSync(join(directory, 'index.html'))) {
    router.use(CONSOLE_PATH, (_req, res) => {
      res.status(503).type('text/plain').send('The console has not been built: run `npm run build:console` (npm start and npm run build do it).\n');
    });
    return router;
  }
  router.use(
    CONSOLE_PATH,
    express.static(directory, {
      index: false,
      redirect: false,
      // Vite names every asset by its content: a new build is new names, so browsers may keep them for good.
      setHeaders: (res, path) => res.setHeader('Cache-Control', path.startsWith(join(directory, 'assets') + sep) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    }),
  );
  router.get(`${CONSOLE_PATH}{/*path}`, (req, res, next) => {
    // A missing script or style is a 404, never index.html served as JavaScript.
    if (req.path.startsWith(`${CONSOLE_PATH}${ASSETS}`)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(directory, 'index.html'));
  });
  return router;
}

/**
 * The console's own policy, replacing the API's stricter one on its pages: WebAssembly for hashing evidence,
 * and the evidence service, storage and identity provider it talks to, each named, nothing else.
 */
export function contentSecurityPolicy(config: AppConfig): string {
  const storage = storageOrigins(config).join(' ');
  const evidence = new URL(config.console.evidencePublicUrl).origin;
  const identityProvider = config.console.oidc ? ` ${new URL(config.console.oidc.authority).origin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${storage}`,
    `media-src 'self' blob: ${storage}`,
    `connect-src 'self' ${evidence} ${storage}${identityProvider}`,
    `frame-src 'self' blob: ${storage}`,
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${identityProvider}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The origins presigned URLs name: the public endpoint, with the bucket as a sub-domain unless path style. */
function storageOrigins(config: AppConfig): string[] {
  const endpoint = new URL(config.storage.publicEndpoint);
  if (config.storage.forcePathStyle) return [endpoint.origin];
  return [endpoint.origin, `${endpoint.protocol}//${config.storage.bucket}.${endpoint.host}`];
}

function withConsolePolicy(policy: string) {
  return (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Content-Security-Policy', policy);
    next();
  };
}
