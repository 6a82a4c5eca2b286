import { APP_CONFIG, AppConfig } from '@app/config';
import { INestApplication } from '@nestjs/common';
import type { Express, NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/** A year: browsers then keep to HTTPS for the host, so a later downgrade cannot strip TLS. */
const HSTS = 'max-age=31536000';

/**
 * Security headers on every answer (helmet): no X-Powered-By, nosniff, no framing, and a CSP that the
 * Swagger UI at /docs and the queue dashboard work with (their scripts are files of the same origin).
 * `trust proxy` (TRUST_PROXY) decides whether X-Forwarded-Proto and X-Forwarded-For are believed, so
 * HSTS goes out only on requests that really arrived over TLS: on plain HTTP it means nothing, and
 * sent from a development host it would pin `localhost` to HTTPS.
 */
export function applySecurityHeaders(app: INestApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  const express: Express = app.getHttpAdapter().getInstance();
  express.set('trust proxy', config.http.trustProxy);
  express.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        // Without TLS (a development host) upgrading every asset to https:// would break the pages.
        directives: { 'frame-ancestors': ["'none'"], 'upgrade-insecure-requests': null },
      },
      xFrameOptions: { action: 'deny' },
      strictTransportSecurity: false,
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
    next();
  });
}
