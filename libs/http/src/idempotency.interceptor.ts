import { IdempotencyKeyEntity } from '@app/database';
import { CallHandler, ExecutionContext, HttpException, HttpStatus, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { ProblemException } from './problem';
import { toProblem } from './to-problem';

const HEADER = 'idempotency-key';
// A first request that has not finished after this long is taken to have died with its process.
const ABANDONED_AFTER_MS = 5 * 60_000;
const HANDLES_ITS_OWN_KEY = 'arbiter:idempotency-in-handler';

/**
 * For a route whose body is known only once the handler has streamed it (a multipart upload): the interceptor
 * leaves `Idempotency-Key` to the handler, which hashes what it read and settles the key with IdempotencyRecords.
 */
export const IdempotencyInHandler = () => SetMetadata(HANDLES_ITS_OWN_KEY, true);

/** The request's `Idempotency-Key` on a POST (1 to 255 characters, else 400), or undefined when it has none. */
export function idempotencyKeyOf(request: Request): string | undefined {
  const key = request.header(HEADER);
  if (request.method !== 'POST' || key === undefined) return undefined;
  if (key.length < 1 || key.length > 255) {
    throw new ProblemException('validation_failed', 'Idempotency-Key must be 1 to 255 characters', [
      { field: 'Idempotency-Key', message: 'must be 1 to 255 characters' },
    ]);
  }
  return key;
}

/** What the same request means: method, path and its content (the JSON body, or what a handler read from a stream). */
export function requestHash(request: Request, content: unknown): string {
  return createHash('sha256')
    .update(`${request.method} ${request.originalUrl.split('?')[0]}\n${JSON.stringify(content ?? null)}`)
    .digest('hex');
}

/**
 * The stored first answers of API.md "Conventions", per caller and key: the same request replays its answer,
 * another one is 422, one still running is 409. Server errors are not stored, so the client may retry them.
 */
@Injectable()
export class IdempotencyRecords {
  constructor(private readonly dataSource: DataSource) {}

  /** Takes the key for a first run; false when it is already taken (then `replay`). */
  async claim(callerId: string, key: string, requestHash: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (caller_id, key, request_hash, state) VALUES ($1, $2, $3, 'in_progress')
       ON CONFLICT (caller_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, created_at = now()
         WHERE idempotency_keys.state = 'in_progress' AND idempotency_keys.created_at < now() - make_interval(secs => $4)
       RETURNING caller_id`,
      [callerId, key, requestHash, ABANDONED_AFTER_MS / 1000],
    );
    return rows.length === 1;
  }

  find(callerId: string, key: string): Promise<IdempotencyKeyEntity | null> {
    return this.dataSource.getRepository(IdempotencyKeyEntity).findOneBy({ callerId, key });
  }

  /** The stored answer again (`Idempotent-Replayed: true`), or the refusal that another or a running request gets. */
  async replay(callerId: string, key: string, requestHash: string, response: Response, stored?: IdempotencyKeyEntity | null): Promise<unknown> {
    stored ??= await this.find(callerId, key);
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

  /** Runs the first request under a claimed key and stores its answer: a success or a refusal, never a server error. */
  async settle<T>(callerId: string, key: string, response: Response, run: () => Promise<T>): Promise<T> {
    try {
      const body = await run();
      // Nest sets the route's status before the handler runs; a handler may change it (204).
      await this.store(callerId, key, response.statusCode, body);
      return body;
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status >= 500) await this.dataSource.query(`DELETE FROM idempotency_keys WHERE caller_id = $1 AND key = $2`, [callerId, key]);
      else await this.store(callerId, key, problem.status, problem);
      throw error;
    }
  }

  private async store(callerId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET state = 'done', response_status = $3, response_body = $4 WHERE caller_id = $1 AND key = $2`,
      [callerId, key, status, JSON.stringify(body ?? null)],
    );
  }
}

/** `Idempotency-Key` on every POST whose body is its JSON (API.md "Conventions"), by IdempotencyRecords. */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly records: IdempotencyRecords;

  constructor(
    dataSource: DataSource,
    private readonly reflector: Reflector,
  ) {
    this.records = new IdempotencyRecords(dataSource);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { user?: { id: string } }>();
    if (this.reflector.get<boolean>(HANDLES_ITS_OWN_KEY, context.getHandler())) return next.handle();
    const key = idempotencyKeyOf(request);
    if (key === undefined) return next.handle();
    const response = context.switchToHttp().getResponse<Response>();
    const callerId = request.user?.id ?? 'anonymous';
    const hash = requestHash(request, request.body);
    const run = async () => {
      if (!(await this.records.claim(callerId, key, hash))) return this.records.replay(callerId, key, hash, response);
      return this.records.settle(callerId, key, response, () => lastValueFrom(next.handle(), { defaultValue: undefined }));
    };
    return from(run());
  }
}
