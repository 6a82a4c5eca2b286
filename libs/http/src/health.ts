import { Controller, Get, HttpStatus, Inject, Injectable, Module, Res, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiSchema, ApiPropertyOptional, ApiServiceUnavailableResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { EnumProp, MapProp } from './view-fields';
import { Operation } from './openapi/operation';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '@app/auth';

/** Something the service needs in order to be useful: the database, Redis, the object store. */
export interface HealthIndicator {
  readonly name: string;
  check(): Promise<void>;
}

export const HEALTH_INDICATORS = Symbol('HEALTH_INDICATORS');

@ApiSchema({ name: 'HealthCheck' })
class CheckView {
  @EnumProp(['up', 'down']) status: string;
  @ApiPropertyOptional({ type: String, description: 'why it is down' }) error?: string;
}

class HealthView {
  @EnumProp(['ok', 'error']) status: string;
  @MapProp({ $ref: getSchemaPath(CheckView) }, { description: 'per dependency (database, redis or queues, storage)' })
  checks: Record<string, CheckView>;
}

const CHECK_TIMEOUT_MS = 2000;

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
  constructor(@Inject(HEALTH_INDICATORS) private readonly indicators: HealthIndicator[]) {}

  @Public()
  @Get()
  @Operation({ id: 'getHealth', summary: 'Whether the service and what it depends on answer' })
  @ApiOkResponse({ type: HealthView, description: 'every dependency answers' })
  @ApiServiceUnavailableResponse({ type: HealthView, description: 'a dependency does not answer: `checks` names it' })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthView> {
    const results = await Promise.all(this.indicators.map((indicator) => runCheck(indicator)));
    const checks = Object.fromEntries(results.map((r) => [r.name, r.error ? { status: 'down', error: r.error } : { status: 'up' }]));
    const healthy = results.every((r) => !r.error);
    res.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: healthy ? 'ok' : 'error', checks };
  }
}

async function runCheck(indicator: HealthIndicator): Promise<{ name: string; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([indicator.check(), timeout]);
    return { name: indicator.name };
  } catch (error) {
    return { name: indicator.name, error: (error as Error).message };
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
