import { Public } from '@app/auth';
import { QUEUES, QueueBackend } from '@app/queues';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized'] as const;

/**
 * Prometheus metrics on WORKER_PORT, read at scrape time: queue depths from BullMQ, and from PostgreSQL
 * what the queues are for — deadlines overdue, refunds per status, webhook deliveries waiting.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  private readonly registry = new Registry();
  private readonly jobs = new Gauge({ name: 'arbiter_queue_jobs', help: 'BullMQ jobs per queue and state', labelNames: ['queue', 'state'], registers: [this.registry] });
  private readonly overdue = new Gauge({ name: 'arbiter_deadlines_overdue', help: 'Open deadlines past their due time (the sweep fires them)', registers: [this.registry] });
  private readonly refunds = new Gauge({ name: 'arbiter_refunds', help: 'Refunds per status', labelNames: ['status'], registers: [this.registry] });
  private readonly deliveries = new Gauge({ name: 'arbiter_webhook_deliveries_pending', help: 'Webhook deliveries not yet delivered or given up', registers: [this.registry] });

  constructor(
    private readonly backend: QueueBackend,
    private readonly dataSource: DataSource,
  ) {}

  @Public()
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async metrics(): Promise<string> {
    for (const queue of Object.values(QUEUES)) {
      const counts = await this.backend.queue(queue).getJobCounts(...JOB_STATES);
      for (const state of JOB_STATES) this.jobs.set({ queue, state }, counts[state] ?? 0);
    }
    const [[{ overdue }], refunds, [{ pending }]] = await Promise.all([
      this.dataSource.query(`SELECT count(*)::int AS overdue FROM case_deadlines WHERE done_at IS NULL AND due_at < now()`),
      this.dataSource.query(`SELECT status, count(*)::int AS n FROM refunds GROUP BY status`),
      this.dataSource.query(`SELECT count(*)::int AS pending FROM webhook_deliveries WHERE status = 'pending'`),
    ]);
    this.overdue.set(overdue);
    this.refunds.reset();
    for (const { status, n } of refunds as Array<{ status: string; n: number }>) this.refunds.set({ status }, n);
    this.deliveries.set(pending);
    return this.registry.metrics();
  }
}
