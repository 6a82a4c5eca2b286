import { IdempotencyKeyEntity } from '@app/database';
import { CallHandler, ExecutionContext, HttpException, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { ProblemException } from './problem';
import { toProblem } from './to-problem';

const HEADER = 'idempotency-key';
// A first request that has not finished after this long is taken to have died with its process.
const ABANDONED_AFTER_MS = 5 * 60_000;

/**
 * `Idempotency-Key` on POST (API.md "Conventions"): the first answer is stored per caller and key;
 * the same body replays it, another body is 422, a request still running is 409.
 * Server errors are not stored, so the client may retry them with the same key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly dataSource: DataSource) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { user?: { id: string } }>();
    const key = request.header(HEADER);
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (key.length < 1 || key.length > 255) {
      throw new ProblemException('validation_failed', 'Idempotency-Key must be 1 to 255 characters', [
        { field: 'Idempotency-Key', message: 'must be 1 to 255 characters' },
      ]);
    }
    const response = context.switchToHttp().getResponse<Response>();
    const callerId = request.user?.id ?? 'anonymous';
    const requestHash = hashRequest(request);
    return from(this.run(callerId, key, requestHash, response, next));
  }

  private async run(
    callerId: string,
    key: string,
    requestHash: string,
    response: Response,
    next: CallHandler,
  ): Promise<unknown> {
    const claimed = await this.claim(callerId, key, requestHash);
    if (!claimed) return this.replay(callerId, key, requestHash, response);
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      // Nest sets the route's status before the handler runs; a handler may change it (204).
      await this.finish(callerId, key, response.statusCode, body);
      return body;
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status >= 500) await this.forget(callerId, key);
      else await this.finish(callerId, key, problem.status, problem);
      throw error;
    }
  }

  private async claim(callerId: string, key: string, requestHash: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (caller_id, key, request_hash, state) VALUES ($1, $2, $3, 'in_progress')
       ON CONFLICT (caller_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, created_at = now()
         WHERE idempotency_keys.state = 'in_progress' AND idempotency_keys.created_at < now() - make_interval(secs => $4)
       RETURNING caller_id`,
      [callerId, key, requestHash, ABANDONED_AFTER_MS / 1000],
    );
    return rows.length === 1;
  }

  private async replay(callerId: string, key: string, requestHash: string, response: Response): Promise<unknown> {
    const stored = await this.dataSource.getRepository(IdempotencyKeyEntity).findOneBy({ callerId, key });
    if (!stored) throw new ProblemException('idempotency_in_progress', 'A request with this Idempotency-Key is still running');
    if (stored.requestHash !== requestHash) {
      throw new ProblemException('idempotency_key_reused', 'This Idempotency-Key was used with a different request');
    }
    if (stored.state === 'in_progress') {
      throw new ProblemException('idempotency_in_progress', 'A request with this Idempotency-Key is still running');
    }
    response.setHeader('Idempotent-Replayed', 'true');
    const status = stored.responseStatus ?? HttpStatus.OK;
    // A stored refusal goes out through the problem filter again; a stored success as the route's answer.
    if (status >= 400) throw new HttpException(stored.responseBody as object, status);
    response.status(status);
    return stored.responseBody ?? undefined;
  }

  private async finish(callerId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET state = 'done', response_status = $3, response_body = $4 WHERE caller_id = $1 AND key = $2`,
      [callerId, key, status, JSON.stringify(body ?? null)],
    );
  }

  private async forget(callerId: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE caller_id = $1 AND key = $2`, [callerId, key]);
  }
}

function hashRequest(request: Request): string {
  return createHash('sha256')
    .update(`${request.method} ${request.originalUrl.split('?')[0]}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');
}
