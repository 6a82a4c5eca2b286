import { APP_CONFIG, AppConfig } from '@app/config';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';

/** Structured JSON logs; every request carries a request id (the caller's `X-Request-Id`, or a new one). */
export const HttpLoggingModule = LoggerModule.forRootAsync({
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => ({
    pinoHttp: {
      level: config.logLevel,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && given.length <= 128 ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.query.token', 'res.headers["set-cookie"]'],
      // The queue dashboard's browser login passes `?token=<JWT>` once; it must not reach the logs.
      serializers: { req: (req: { url?: string }) => ({ ...req, url: req.url?.replace(/([?&]token=)[^&]*/, '$1[redacted]') }) },
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
    },
  }),
});
