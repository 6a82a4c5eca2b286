import type { NextFunction, Request, Response } from 'express';

/** What a browser on an allowed origin may send and read (API.md's headers). */
const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key';
const EXPOSED_HEADERS = 'Idempotent-Replayed, Retry-After, Location';
const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE';
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * CORS for the web console (CONSOLE_ORIGINS): only listed origins are answered with
 * Access-Control-Allow-Origin; anyone else gets no CORS headers, so their browsers withhold the answer.
 * No credentials: the console sends a bearer token, never cookies. A preflight is answered here, before
 * the guards, since browsers send it without the token.
 */
export function corsFor(origins: readonly string[]) {
  const allowed = new Set(origins);
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.header('origin');
    res.vary('Origin');
    if (!origin || !allowed.has(origin)) return next();
    res.setHeader('Access-Control-Allow-Origin', origin);
    if (req.method === 'OPTIONS' && req.header('access-control-request-method')) {
      res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
      res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      res.setHeader('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS));
      res.status(204).end();
      return;
    }
    res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
    next();
  };
}
