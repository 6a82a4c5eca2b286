import { APP_CONFIG, AppConfig } from '@app/config';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import { redactUrl } from './log-redaction';

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
      redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      // The URL is logged redacted (log-redaction.ts); the parsed query would repeat what it hides, so it is left out.
      serializers: { req: ({ query: _query, ...req }: { url?: string; query?: unknown }) => ({ ...req, url: redactUrl(req.url) }) },
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
    },
  }),
});
