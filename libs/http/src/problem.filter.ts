import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { toProblem } from './to-problem';

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = toProblem(error);
    if (body.errorId) this.logger.error({ err: error, errorId: body.errorId }, 'Unhandled error');
    if (response.headersSent) return;
    // The rate limiter names the wait itself; any other 429 asks for a second.
    if (body.code === 'rate_limited' && !response.getHeader('Retry-After')) response.setHeader('Retry-After', '1');
    response.status(body.status).type('application/problem+json').send(JSON.stringify(body));
  }
}
