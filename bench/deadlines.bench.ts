// npm run bench:deadlines, two storms, each on a scratch database and one in-process worker:
//
// 1. Deadlines: BENCH_DEADLINES (default 10,000) deadlines, all due within the same BENCH_WINDOW_MS (default
//    60 s: "due within the same minute") starting BENCH_LEAD_MS (default 15 s) from now, fired through their
//    BullMQ alarm jobs. Prints how late they fired, how long the storm took, and what each pending alarm costs
//    in Redis. The deadlines are pickup SLAs of escalated cases (flag overdue + two events each).
// 2. Reminders: as many supplier response deadlines, due within one minute, each with two lead times
//    (BENCH_REMINDER_LEAD_TIMES, default PT3M,PT2M: two one-minute storms of reminders, back to back, before
//    any deadline is due), found by the reminder sweep every BENCH_SWEEP_INTERVAL (default PT1S) and mailed to
//    an in-process SMTP sink. Prints how many mails arrived (and how many twice), how late (sink arrival −
//    reminder time) and the e-mails per second.
// BENCH_ONLY=deadlines or BENCH_ONLY=reminders runs one of them.
import { DEFAULT_POLICY, parseDuration, parseLeadTimes } from '@app/domain';
import { CaseJobs } from '@app/queues';
import { startSmtpSink, waitFor } from '@app/testing';
import { NestFactory } from '@nestjs/core';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { benchEnvironment, percentile } from './bench-env';

const DEADLINES = Number(process.env.BENCH_DEADLINES ?? 10_000);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 60_000);
const LEAD_MS = Number(process.env.BENCH_LEAD_MS ?? 15_000);
const REMINDER_LEAD_TIMES = parseLeadTimes(process.env.BENCH_REMINDER_LEAD_TIMES ?? 'PT3M,PT2M');
const SWEEP_INTERVAL = process.env.BENCH_SWEEP_INTERVAL ?? 'PT1S';
const ONLY = process.env.BENCH_ONLY;

async function main(): Promise<void> {
  if (ONLY !== 'reminders') await deadlineStorm();
  if (ONLY !== 'deadlines') await reminderStorm();
}

async function deadlineStorm(): Promise<void> {
  const env = await benchEnvironment();
  const worker = await NestFactory.create(WorkerModule.forRoot(env.config), { logger: ['error'] });
  await worker.listen(0, '127.0.0.1');
  const db = worker.get(DataSource);
  // Its own client: the worker's are closed with it, and the keys are deleted after.
  const redis = new IORedis(env.config.queues.redisUrl!);
  try {
    const stormStart = new Date(Date.now() + LEAD_MS);
    process.stdout.write(`seeding ${DEADLINES} escalated cases, pickup due ${stormStart.toISOString()} + 0..${WINDOW_MS} ms… `);
    await seedEscalatedCases(db, stormStart);
    console.log('done');

    const memoryBefore = await redisMemory(redis, env.config.queues.prefix);
    const rows: Array<{ case_id: string; due_at: Date }> = await db.query(`SELECT case_id, due_at FROM case_deadlines WHERE done_at IS NULL`);
    const enqueueStarted = performance.now();
    const jobs = worker.get(CaseJobs);
    for (let i = 0; i < rows.length; i += 1000) {
      await Promise.all(rows.slice(i, i + 1000).map((r) => jobs.scheduleDeadline(r.case_id, 'pickup', r.due_at)));
    }
    const enqueueMs = performance.now() - enqueueStarted;
    const memoryAfter = await redisMemory(redis, env.config.queues.prefix);
    if (Date.now() > stormStart.getTime()) console.warn('warning: seeding ran into the storm; raise BENCH_LEAD_MS');

    await waitFor(async () => Number((await db.query(`SELECT count(*) FROM case_deadlines WHERE done_at IS NULL`))[0].count) === 0, {
      timeoutMs: 10 * 60_000,
      intervalMs: 500,
      what: 'every deadline to fire',
    });
    const [lateness] = await db.query(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY late) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY late) AS p99,
              max(late) AS max, count(*)::int AS fired, extract(epoch FROM max(e.at) - min(d.due_at)) * 1000 AS storm_ms,
              extract(epoch FROM max(e.at) - min(e.at)) * 1000 AS firing_ms
       FROM case_deadlines d
       JOIN case_events e ON e.case_id = d.case_id AND e.type = 'case.deadline_missed'
       CROSS JOIN LATERAL (SELECT extract(epoch FROM e.at - d.due_at) * 1000 AS late) l`,
    );
    const [{ duplicates }] = await db.query(
      `SELECT count(*)::int AS duplicates FROM (SELECT case_id FROM case_events WHERE type = 'case.deadline_missed' GROUP BY case_id HAVING count(*) > 1) d`,
    );
    const ms = (v: unknown) => `${Math.round(Number(v))} ms`;
    console.log(`\n${lateness.fired} deadlines fired (${duplicates} twice), due within ${WINDOW_MS / 1000} s; 1 worker, deadlines concurrency 50, DB pool 20`);
    console.log(`lateness (event time − due time): p50 ${ms(lateness.p50)}, p99 ${ms(lateness.p99)}, max ${ms(lateness.max)}`);
    console.log(
      `storm: first due → last fired ${ms(lateness.storm_ms)} (first fired → last fired ${ms(lateness.firing_ms)}, ` +
        `${Math.round(lateness.fired / (lateness.firing_ms / 1000))} deadlines/s)`,
    );
    console.log(`enqueue of ${rows.length} alarms: ${ms(enqueueMs)} (${Math.round(rows.length / (enqueueMs / 1000))} jobs/s)`);
    console.log(
      `Redis per pending deadline: ${bytes((memoryAfter.keys - memoryBefore.keys) / rows.length)} by MEMORY USAGE of the queue's keys, ` +
        `${bytes((memoryAfter.server - memoryBefore.server) / rows.length)} by INFO used_memory (shared server: noisy)`,
    );
  } finally {
    await worker.close();
    await deleteKeys(redis, env.config.queues.prefix);
    await redis.quit();
    await env.close();
  }
}

/**
 * Reminders: supplier response deadlines due within one minute from the longest lead time on, planned reminders
 * for each lead time, and a contact per supplier, so each reminder is one e-mail.
 */
async function reminderStorm(): Promise<void> {
  const sink = await startSmtpSink();
  const env = await benchEnvironment({ SMTP_URL: sink.url, DEADLINE_SWEEP_INTERVAL: SWEEP_INTERVAL });
  const worker = await NestFactory.create(WorkerModule.forRoot(env.config), { logger: ['error'] });
  await worker.listen(0, '127.0.0.1');
  const db = worker.get(DataSource);
  const expected = DEADLINES * REMINDER_LEAD_TIMES.length;
  try {
    const longest = parseDuration(REMINDER_LEAD_TIMES[0]);
    const stormStart = new Date(Date.now() + LEAD_MS);
    const firstDue = new Date(stormStart.getTime() + longest);
    process.stdout.write(
      `\nseeding ${DEADLINES} open cases, supplier response due ${firstDue.toISOString()} + 0..${WINDOW_MS} ms, ` +
        `reminders ${REMINDER_LEAD_TIMES.join(' and ')} before… `,
    );
    await seedRemindedCases(db, firstDue);
    console.log('done');
    if (Date.now() > stormStart.getTime()) console.warn('warning: seeding ran into the storm; raise BENCH_LEAD_MS');

    await sink.waitForMails(expected, 15 * 60_000);
    await waitFor(async () => Number((await db.query(`SELECT count(*) FROM mail_outbox WHERE status = 'pending'`))[0].count) === 0, {
      timeoutMs: 60_000,
      what: 'every mail to be marked sent',
    });
    // Arrival at the sink against the reminder's time, per mail (the Message-ID names the mail row).
    const arrivals = sink.mails.map((mail) => ({ id: /^<reminder-([0-9a-f-]{36})@arbiter>$/.exec(mail.messageId)?.[1], at: mail.receivedAt }));
    const sendAt = new Map<string, number>(
      (
        await db.query(`SELECT m.id, r.send_at FROM mail_outbox m JOIN notifications n ON n.id = m.notification_id JOIN reminders r ON r.id = n.reminder_id`)
      ).map((row: { id: string; send_at: Date }) => [row.id, row.send_at.getTime()]),
    );
    const late = arrivals.map((a) => a.at.getTime() - sendAt.get(a.id!)!).sort((a, b) => a - b);
    const distinct = new Set(arrivals.map((a) => a.id)).size;
    const [books] = await db.query(
      `SELECT (SELECT count(*)::int FROM reminders WHERE status = 'sent') AS sent,
              (SELECT count(*)::int FROM reminders WHERE status = 'skipped') AS skipped,
              (SELECT count(*)::int FROM notifications) AS notifications,
              (SELECT count(*)::int FROM case_events WHERE type = 'case.reminder_sent') AS events,
              (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - send_at) * 1000) FROM reminders WHERE status = 'sent') AS p50,
              (SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - send_at) * 1000) FROM reminders WHERE status = 'sent') AS p99`,
    );
    const times = arrivals.map((a) => a.at.getTime());
    const spanS = (Math.max(...times) - Math.min(...times)) / 1000;
    const perSecond = new Map<number, number>();
    for (const t of times) perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) ?? 0) + 1);
    const ms = (v: unknown) => `${Math.round(Number(v))} ms`;
    console.log(
      `\n${sink.mails.length} reminder e-mails at the SMTP sink for ${expected} reminders (${distinct} distinct, ${sink.mails.length - distinct} twice); ` +
        `${books.sent} reminders sent, ${books.skipped} skipped, ${books.notifications} notifications, ${books.events} case.reminder_sent`,
    );
    console.log(
      `${DEADLINES} deadlines due within ${WINDOW_MS / 1000} s, lead times ${REMINDER_LEAD_TIMES.join(', ')}; 1 worker, reminder sweep every ${SWEEP_INTERVAL}, ` +
        `SMTP pool of 5 connections`,
    );
    console.log(`lateness of the reminder (sent − due to go out): p50 ${ms(books.p50)}, p99 ${ms(books.p99)}`);
    console.log(`lateness of the e-mail (arrival at the sink − due to go out): p50 ${ms(percentile(late, 50))}, p99 ${ms(percentile(late, 99))}, max ${ms(late[late.length - 1])}`);
    console.log(
      `e-mails: ${Math.round(sink.mails.length / spanS)}/s over the storm (first → last arrival ${spanS.toFixed(1)} s), ` +
        `busiest second ${Math.max(...perSecond.values())}`,
    );
  } finally {
    await worker.close();
    await sink.close();
    const redis = new IORedis(env.config.queues.redisUrl!);
    await deleteKeys(redis, env.config.queues.prefix);
    await redis.quit();
    await env.close();
  }
}

async function seedRemindedCases(db: DataSource, firstDue: Date): Promise<void> {
  const policy = { ...DEFAULT_POLICY, reminderLeadTimes: REMINDER_LEAD_TIMES };
  await seedCases(db, { status: 'open', kind: 'supplier_response', party: 'supplier', policy }, firstDue);
  await db.query(
    `INSERT INTO reminders (deadline_id, case_id, lead_time, send_at)
     SELECT d.id, d.case_id, lt, d.due_at - lt::interval FROM case_deadlines d CROSS JOIN unnest($1::text[]) lt`,
    [REMINDER_LEAD_TIMES],
  );
  await db.query(`INSERT INTO contacts (user_id, email, name) SELECT supplier_id, supplier_id || '@suppliers.example', 'Supplier' FROM cases`);
}

/** Escalated cases with one open pickup deadline each. */
function seedEscalatedCases(db: DataSource, stormStart: Date): Promise<void> {
  return seedCases(db, { status: 'escalated', kind: 'pickup', party: 'specialist', policy: DEFAULT_POLICY }, stormStart);
}

/** DEADLINES orders and cases, one open deadline each, due evenly over WINDOW_MS from `firstDue`, in a few SQL statements. */
async function seedCases(db: DataSource, c: { status: string; kind: string; party: string; policy: object }, firstDue: Date): Promise<void> {
  await db.query(
    `INSERT INTO orders (id, buyer_id, supplier_id, amount, currency, payment_method, ship_by, trade_assurance, customized, status,
                         paid_at, shipped_at, delivered_at)
     SELECT gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 100000, 'USD', 'credit_card', now(), true, false, 'delivered', now(), now(), now()
     FROM generate_series(1, $1)`,
    [DEADLINES],
  );
  await db.query(
    `INSERT INTO cases (id, order_id, buyer_id, supplier_id, reason, description, status, claim_amount, currency, order_amount, policy,
                        escalated_at)
     SELECT gen_random_uuid(), id, buyer_id, supplier_id, 'damaged', 'bench', $1, 40000, 'USD', 100000, $2::jsonb,
            CASE WHEN $1 = 'escalated' THEN now() END
     FROM orders`,
    [c.status, JSON.stringify(c.policy)],
  );
  await db.query(
    `INSERT INTO case_deadlines (case_id, kind, party, due_at)
     SELECT id, $4, $5, $1::timestamptz + (row_number() OVER (ORDER BY id) - 1) * ($2::float / $3) * interval '1 millisecond'
     FROM cases`,
    [firstDue, WINDOW_MS, DEADLINES, c.kind, c.party],
  );
}

type Redis = IORedis;

async function redisMemory(redis: Redis, prefix: string): Promise<{ keys: number; server: number }> {
  let keys = 0;
  await forEachKey(redis, prefix, async (batch) => {
    const sizes = await Promise.all(batch.map((key) => redis.memory('USAGE', key)));
    keys += sizes.reduce<number>((sum, size) => sum + Number(size ?? 0), 0);
  });
  const server = Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);
  return { keys, server };
}

async function forEachKey(redis: Redis, prefix: string, visit: (keys: string[]) => Promise<void>): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await visit(keys);
    cursor = next;
  } while (cursor !== '0');
}

function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  return forEachKey(redis, prefix, async (keys) => void (await redis.unlink(...keys)));
}

const bytes = (n: number) => `${Math.round(n)} B`;

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
