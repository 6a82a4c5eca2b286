import { CaseEntity } from '@app/database';
import {
  CaseFixtures,
  ReceivedMail,
  SmtpSink,
  spawnService,
  MAINS,
  startSmtpSink,
  startTestSystem,
  TestSystem,
  waitFor,
  WorkerProcess,
  spawnWorker,
} from '@app/testing';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../apps/worker/src/worker.module';

jest.setTimeout(120_000);

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Every case below gets one supplier contact, so each reminder is exactly one e-mail. */
async function withSupplierContacts(dataSource: DataSource, cases: CaseEntity[]): Promise<Map<string, string>> {
  const addresses = new Map(cases.map((c) => [c.supplierId, `${c.supplierId}@suppliers.example`]));
  await dataSource.query(`INSERT INTO contacts (user_id, email) SELECT * FROM unnest($1::uuid[], $2::text[])`, [[...addresses.keys()], [...addresses.values()]]);
  return addresses;
}

/** Mail rows, notifications and reminder events per reminder: what "at most once" is checked against. */
async function books(dataSource: DataSource, caseIds: string[]) {
  const [row] = await dataSource.query(
    `SELECT (SELECT count(*)::int FROM reminders WHERE case_id = ANY($1) AND status = 'sent') AS reminders,
            (SELECT count(*)::int FROM notifications WHERE case_id = ANY($1)) AS notifications,
            (SELECT count(*)::int FROM (SELECT reminder_id FROM notifications WHERE case_id = ANY($1) GROUP BY reminder_id, recipient_id HAVING count(*) > 1) d)
              AS notified_twice,
            (SELECT count(*)::int FROM case_events WHERE case_id = ANY($1) AND type = 'case.reminder_sent') AS events,
            (SELECT count(*)::int FROM (SELECT case_id, data FROM case_events WHERE case_id = ANY($1) AND type = 'case.reminder_sent'
                                        GROUP BY case_id, data HAVING count(*) > 1) d) AS events_twice,
            (SELECT count(*)::int FROM mail_outbox m JOIN notifications n ON n.id = m.notification_id WHERE n.case_id = ANY($1)) AS mails,
            (SELECT count(*)::int FROM mail_outbox m JOIN notifications n ON n.id = m.notification_id WHERE n.case_id = ANY($1) AND m.status = 'sent') AS mails_sent`,
    [caseIds],
  );
  return row as Record<string, number>;
}

const mailIdOf = (mail: ReceivedMail) => /^<reminder-([0-9a-f-]{36})@arbiter>$/.exec(mail.messageId)?.[1];

describe('Worker: reminders at most once per deadline and lead time, e-mails never lost (e2e)', () => {
  describe('in process, on the test clock', () => {
    let sys: TestSystem;
    let fx: CaseFixtures;
    let sink: SmtpSink;

    beforeAll(async () => {
      sink = await startSmtpSink();
      sys = await startTestSystem({
        // The sweep is the only way reminders go out; two workers compete for them.
        env: { DEADLINE_SWEEP_INTERVAL: 'PT1S', SMTP_URL: sink.url, SMTP_TIMEOUT: 'PT2S' },
        apps: [(c, k) => WorkerModule.forRoot(c, k), (c, k) => WorkerModule.forRoot(c, k)],
      });
      fx = new CaseFixtures(sys.dataSource, sys.caseJobs, sys.clock);
    });
    afterAll(async () => {
      await sys?.close();
      await sink?.close();
    });
    afterEach(() => sink.answer(null));

    const mailRows = (caseId: string): Promise<Array<{ id: string; status: string; attempts: number; last_error: string | null }>> =>
      sys.dataSource.query(
        `SELECT m.id, m.status, m.attempts, m.last_error FROM mail_outbox m JOIN notifications n ON n.id = m.notification_id
         WHERE n.case_id = $1 ORDER BY m.created_at`,
        [caseId],
      );

    it('two workers, 40 cases, two lead times each: every reminder once, every e-mail once', async () => {
      const cases = await Promise.all(Array.from({ length: 40 }, () => fx.openCase()));
      const addresses = await withSupplierContacts(sys.dataSource, cases);
      const before = sink.mails.length;
      sys.clock.advance(2 * DAY + MINUTE);
      await sink.waitForMails(before + 40);
      sys.clock.advance(22 * 60 * MINUTE);
      await sink.waitForMails(before + 80);
      const ids = cases.map((c) => c.id);
      await waitFor(async () => (await books(sys.dataSource, ids)).mails_sent === 80, { what: 'all 80 mails to be marked sent' });
      expect(await books(sys.dataSource, ids)).toEqual({
        reminders: 80,
        notifications: 80,
        notified_twice: 0,
        events: 80,
        events_twice: 0,
        mails: 80,
        mails_sent: 80,
      });
      const received = sink.mails.slice(before);
      expect(new Set(received.map((m) => m.messageId)).size).toBe(80);
      for (const address of addresses.values()) expect(received.filter((m) => m.to.includes(address))).toHaveLength(2);
    });

    it('a mail refused for now (451) is sent again with backoff, under the same Message-ID', async () => {
      const c = await fx.openCase();
      await withSupplierContacts(sys.dataSource, [c]);
      const refusedOnce = new Set<string>();
      sink.answer((mail) => {
        if (!mail.to[0].startsWith(c.supplierId) || refusedOnce.has(mail.messageId)) return 'accept';
        refusedOnce.add(mail.messageId);
        return 'temporary';
      });
      sys.clock.advance(2 * DAY + MINUTE);
      const [row] = await waitFor(async () => {
        const rows = await mailRows(c.id);
        return rows[0]?.attempts === 1 && rows[0].last_error !== null ? rows : null;
      }, { what: 'the first try to be refused' });
      expect(row).toMatchObject({ status: 'pending', last_error: expect.stringContaining('451') });
      // The first retry comes 30 seconds later.
      sys.clock.advance(31_000);
      await waitFor(async () => (await mailRows(c.id))[0].status === 'sent', { what: 'the retry to be sent' });
      const delivered = sink.mails.filter((m) => m.to[0].startsWith(c.supplierId));
      expect(delivered).toHaveLength(1);
      expect(mailIdOf(delivered[0])).toBe(row.id);
      expect((await mailRows(c.id))[0]).toMatchObject({ attempts: 2, last_error: null });
    });

    it('a mail refused for good (550) is failed at once and kept, never retried; the notification stands', async () => {
      const c = await fx.openCase();
      await withSupplierContacts(sys.dataSource, [c]);
      let tries = 0;
      sink.answer((mail) => (mail.to[0].startsWith(c.supplierId) ? (tries++, 'permanent') : 'accept'));
      sys.clock.advance(2 * DAY + MINUTE);
      const [row] = await waitFor(async () => {
        const rows = await mailRows(c.id);
        return rows[0]?.status === 'failed' && rows;
      }, { what: 'the mail to fail' });
      expect(row).toMatchObject({ attempts: 1, last_error: expect.stringContaining('550') });
      // Long past any retry: another case's mail goes out after that, so the dispatcher ran meanwhile.
      sys.clock.advance(2 * 60 * MINUTE);
      const later = await fx.openCase({ policy: { reminderLeadTimes: ['PT71H59M59S'] } });
      await withSupplierContacts(sys.dataSource, [later]);
      await waitFor(async () => (await mailRows(later.id))[0]?.status === 'sent', { what: 'a later mail to go out' });
      expect((await mailRows(c.id))[0].attempts).toBe(1);
      expect(tries).toBe(1);
      const [{ notifications }] = await sys.dataSource.query(`SELECT count(*)::int AS notifications FROM notifications WHERE case_id = $1`, [c.id]);
      expect(notifications).toBe(1);
    });

    it('a crash between the SMTP server accepting a mail and the mail being marked sent: sent again once the lease is over, never lost', async () => {
      const c = await fx.openCase();
      await withSupplierContacts(sys.dataSource, [c]);
      // The database refuses the first "sent" mark of this case's mail: the sender dies there, as far as
      // PostgreSQL can tell (what a SIGKILL after "250 OK" leaves behind). A sequence counts the marks, since
      // it is the one thing the refused transaction does not roll back.
      const trigger = `fail_first_mark_${randomUUID().replace(/-/g, '')}`;
      // The owner makes the trigger (the apps' login may not); it runs with the owner's rights.
      const owner = await sys.owner();
      await owner.query(`CREATE SEQUENCE ${trigger}_marks`);
      await owner.query(`
        CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
        BEGIN
          IF NEW.status = 'sent' AND NEW.to_address LIKE '${c.supplierId}%' AND nextval('${trigger}_marks') = 1 THEN
            RAISE EXCEPTION 'the sender died before it could record the mail';
          END IF;
          RETURN NEW;
        END $$`);
      await owner.query(`CREATE TRIGGER ${trigger} BEFORE UPDATE ON mail_outbox FOR EACH ROW EXECUTE FUNCTION ${trigger}()`);
      try {
        sys.clock.advance(2 * DAY + MINUTE);
        await waitFor(async () => sink.mails.some((m) => m.to[0].startsWith(c.supplierId)), { what: 'the first delivery' });
        await waitFor(async () => (await owner.query(`SELECT is_called FROM ${trigger}_marks`))[0].is_called, { what: 'the mark to be refused' });
        const [held] = await mailRows(c.id);
        expect(held).toMatchObject({ status: 'pending', attempts: 1 });
        // The lease: (20 mails / 5 connections + 1) × SMTP_TIMEOUT (2 s) = 10 s.
        sys.clock.advance(11_000);
        await waitFor(async () => (await mailRows(c.id))[0].status === 'sent', { what: 'the mail to be sent again and recorded' });
      } finally {
        await owner.query(`DROP TRIGGER ${trigger} ON mail_outbox`);
        await owner.query(`DROP FUNCTION ${trigger}()`);
        await owner.query(`DROP SEQUENCE ${trigger}_marks`);
      }
      const delivered = sink.mails.filter((m) => m.to[0].startsWith(c.supplierId));
      // One duplicate, as SMTP allows no better; the same Message-ID lets the receiver drop it.
      expect(delivered).toHaveLength(2);
      expect(new Set(delivered.map((m) => m.messageId)).size).toBe(1);
      expect(await mailRows(c.id)).toEqual([expect.objectContaining({ status: 'sent', attempts: 2 })]);
      expect((await books(sys.dataSource, [c.id])).notifications).toBe(1);
    });

    it('a mail whose deadline was met before it could go out is dropped, not sent', async () => {
      const c = await fx.openCase();
      await withSupplierContacts(sys.dataSource, [c]);
      sink.answer((mail) => (mail.to[0].startsWith(c.supplierId) ? 'temporary' : 'accept'));
      sys.clock.advance(2 * DAY + MINUTE);
      // Refused and recorded as such (attempts grow when a mail is claimed, before the server answers).
      await waitFor(async () => (await mailRows(c.id))[0]?.last_error != null, { what: 'the first try to be refused' });
      await fx.act(c.id, { type: 'make_offer', amount: { amount: 5_000, currency: 'USD' } }, { id: c.supplierId, role: 'supplier' });
      sink.answer(null);
      sys.clock.advance(31_000);
      await waitFor(async () => (await mailRows(c.id))[0].status === 'dropped', { what: 'the mail to be dropped' });
      expect(sink.mails.filter((m) => m.to[0].startsWith(c.supplierId))).toEqual([]);
    });
  });

  describe('worker processes killed at random moments (SIGKILL)', () => {
    let sys: TestSystem;
    let sink: SmtpSink;
    let workers: WorkerProcess[] = [];

    beforeAll(async () => {
      sink = await startSmtpSink();
      sys = await startTestSystem({ env: { DEADLINE_SWEEP_INTERVAL: 'PT1S', SMTP_URL: sink.url, SMTP_TIMEOUT: 'PT1S' } });
    });
    afterAll(async () => {
      await Promise.all(workers.map((w) => w.kill()));
      await sys?.close();
      await sink?.close();
    });

    it('every reminder once, every e-mail at least once, and a duplicate only as the same Message-ID', async () => {
      // Real time here: the supplier must answer in three days, reminded 10 and 20 s after the case opened.
      const fx = new CaseFixtures(sys.dataSource, sys.caseJobs, sys.clock);
      const policy = { reminderLeadTimes: ['PT71H59M50S', 'PT71H59M40S'] };
      const cases: CaseEntity[] = [];
      for (let i = 0; i < 6; i++) {
        cases.push(...(await Promise.all(Array.from({ length: 25 }, () => fx.openCase({ policy })))));
        await sleep(1000); // spread over several seconds
      }
      await withSupplierContacts(sys.dataSource, cases);
      const ids = cases.map((c) => c.id);
      const expected = cases.length * 2;
      // The mail sink answers slowly, so kills land while mails are on their way.
      sink.answer(() => ({ hold: () => sleep(20) }));

      let kills = 0;
      const sentAtKill: number[] = [];
      const stormEnds = Date.now() + 26_000;
      while (Date.now() < stormEnds) {
        workers = await Promise.all([spawnWorker(sys.env), spawnWorker(sys.env)]);
        await Promise.all(
          workers.map(async (worker) => {
            await sleep(500 + Math.random() * 2500);
            sentAtKill.push((await books(sys.dataSource, ids)).reminders);
            await worker.kill('SIGKILL');
            kills += 1;
          }),
        );
      }
      expect(sentAtKill.some((n) => n > 0 && n < expected)).toBe(true);

      workers = await Promise.all([spawnWorker(sys.env), spawnWorker(sys.env)]);
      await waitFor(async () => (await books(sys.dataSource, ids)).mails_sent === expected, {
        timeoutMs: 60_000,
        intervalMs: 250,
        what: `all ${expected} mails to be sent after ${kills} kills`,
      });
      expect(await books(sys.dataSource, ids)).toEqual({
        reminders: expected,
        notifications: expected,
        notified_twice: 0,
        events: expected,
        events_twice: 0,
        mails: expected,
        mails_sent: expected,
      });
      const rows: Array<{ id: string }> = await sys.dataSource.query(
        `SELECT m.id FROM mail_outbox m JOIN notifications n ON n.id = m.notification_id WHERE n.case_id = ANY($1)`,
        [ids],
      );
      const received = sink.mails.map(mailIdOf);
      for (const { id } of rows) expect(received).toContain(id);
      const duplicates = received.length - new Set(received).size;
      expect(received.every((id) => rows.some((row) => row.id === id))).toBe(true);
      // Only what a killed sender had in flight can be sent twice: at most a batch (20) per kill.
      expect(duplicates).toBeLessThanOrEqual(kills * 20);
      console.log(`reminders under SIGKILL: ${expected} reminders, ${kills} kills, ${duplicates} duplicate e-mails (same Message-ID)`);
    });
  });

  describe('without SMTP_URL', () => {
    let sys: TestSystem;
    let worker: WorkerProcess | undefined;

    beforeAll(async () => {
      sys = await startTestSystem({ env: { DEADLINE_SWEEP_INTERVAL: 'PT1S' } });
    });
    afterAll(async () => {
      await worker?.kill();
      await sys?.close();
    });

    it('says so at boot and keeps reminders in-app: notifications, no e-mail rows', async () => {
      const fx = new CaseFixtures(sys.dataSource, sys.caseJobs, sys.clock);
      const c = await fx.openCase({ policy: { reminderLeadTimes: ['PT71H59M57S'] } });
      await withSupplierContacts(sys.dataSource, [c]);
      worker = await spawnService(MAINS.worker, sys.env, { logLevel: 'info', keepChars: 200_000 });
      await waitFor(async () => (await books(sys.dataSource, [c.id])).notifications === 1, { what: 'the in-app reminder' });
      expect(worker.output()).toContain('SMTP_URL is not set: reminders are in-app notifications only, no e-mail is sent');
      expect(await books(sys.dataSource, [c.id])).toMatchObject({ reminders: 1, notifications: 1, events: 1, mails: 0 });
    });
  });
});
