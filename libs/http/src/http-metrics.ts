import { Public } from '@app/auth';
import { Controller, Get, Header, Injectable } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Counter, Gauge, Registry } from 'prom-client';

/**
 * What an HTTP app itself knows and nobody else can count: whether its rate limiter reaches Redis.
 * One registry per app (not prom-client's global one), so several apps can run in one process.
 */
@Injectable()
export class HttpMetrics {
  readonly registry = new Registry();
  readonly rateLimitStoreUp = new Gauge({
    name: 'arbiter_rate_limit_store_up',
    help: '1 while the rate limiter reaches Redis; 0 while requests are let through unlimited',
    registers: [this.registry],
  });
  readonly uncheckedRequests = new Counter({
    name: 'arbiter_rate_limit_unchecked_requests_total',
    help: 'Requests let through without a rate-limit check because Redis did not answer',
    registers: [this.registry],
  });
}

/** Prometheus metrics of this process, like the worker's /metrics; scraped from inside, never routed publicly. */
@ApiExcludeController()
@Controller('metrics')
export class HttpMetricsController {
  constructor(private readonly metrics: HttpMetrics) {}

  @Public()
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
