import { Controller, Get, HttpStatus, Inject, Injectable, Logger, Module, Res, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiPropertyOptional, ApiSchema, ApiServiceUnavailableResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Operation } from './openapi/operation';
import { EnumProp, MapProp } from './view-fields';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '@app/auth';

/** Something the service needs in order to be useful: the database, Redis, the object store. */
export interface HealthIndicator {
  readonly name: string;
  check(): Promise<void>;
}

/**
 * A failure whose message is ours and safe to show anyone (`not taking jobs: refunds`). Any other error is a
 * driver's or the network's text (host names, addresses, versions): it goes to the logs, and /health only
 * says the dependency is down.
 */
export class PublicHealthError extends Error {}

export const HEALTH_INDICATORS = Symbol('HEALTH_INDICATORS');

@ApiSchema({ name: 'HealthCheck' })
class CheckView {
  @EnumProp(['up', 'down']) status: string;
  @ApiPropertyOptional({ type: String, description: 'why it is down, where that is safe to say; otherwise `unavailable`' }) error?: string;
}

class HealthView {
  @EnumProp(['ok', 'error']) status: string;
  @MapProp({ $ref: getSchemaPath(CheckView) }, { description: 'per dependency (database, redis or queues, storage)' })
  checks: Record<string, CheckView>;
}

const CHECK_TIMEOUT_MS = 2000;
const UNAVAILABLE = 'unavailable';

@Injectable()
export class DatabaseHealth implements HealthIndicator {
  readonly name = 'database';
  constructor(private readonly dataSource: DataSource) {}
  async check(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}

@ApiTags('operations')
@ApiExtraModels(CheckView)
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');
  // The last error logged per dependency: a dependency that stays down is logged once, not on every probe.
  private readonly lastLogged = new Map<string, string>();

  constructor(@Inject(HEALTH_INDICATORS) private readonly indicators: HealthIndicator[]) {}

  @Public()
  @Get()
  @Operation({ id: 'getHealth', summary: 'Whether the service and what it depends on answer' })
  @ApiOkResponse({ type: HealthView, description: 'every dependency answers' })
  @ApiServiceUnavailableResponse({ type: HealthView, description: 'a dependency does not answer: `checks` names it' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthView> {
    const results = await Promise.all(this.indicators.map((indicator) => runCheck(indicator)));
    for (const result of results) this.log(result);
    const checks = Object.fromEntries(
      results.map((r) => [r.name, r.error ? { status: 'down', error: r.publicError } : { status: 'up' }]),
    );
    const healthy = results.every((r) => !r.error);
    res.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: healthy ? 'ok' : 'error', checks };
  }

  private log({ name, error }: CheckResult): void {
    if (error === this.lastLogged.get(name)) return;
    if (error) this.logger.warn(`health: ${name} is down: ${error}`);
    else if (this.lastLogged.has(name)) this.logger.log(`health: ${name} is up again`);
    if (error) this.lastLogged.set(name, error);
    else this.lastLogged.delete(name);
  }
}

interface CheckResult {
  name: string;
  /** The raw error, for the logs. */
  error?: string;
  /** What /health shows of it. */
  publicError?: string;
}

async function runCheck(indicator: HealthIndicator): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PublicHealthError(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([indicator.check(), timeout]);
    return { name: indicator.name };
  } catch (error) {
    const message = (error as Error)?.message || String(error);
    return { name: indicator.name, error: message, publicError: error instanceof PublicHealthError ? message : UNAVAILABLE };
  } finally {
    clearTimeout(timer);
  }
}

@Module({})
export class HealthModule {
  static forRoot(indicators: Type<HealthIndicator>[]) {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [
        ...indicators,
        { provide: HEALTH_INDICATORS, useFactory: (...all: HealthIndicator[]) => all, inject: indicators },
      ],
    };
  }
}
