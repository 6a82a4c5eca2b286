import type { CaseApi } from '@app/api-client';
import { CaseEntity } from '@app/database';
import { Actor } from '@app/domain';
import {
  buyerOf,
  CaseFixtures,
  ReceivedMail,
  SmtpSink,
  startSmtpSink,
  startTestSystem,
  supplierOf,
  testUser,
  TestSystem,
  TestUser,
  waitFor,
} from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CaseApiModule } from '../apps/case-api/src/case-api.module';
import { WorkerModule } from '../apps/worker/src/worker.module';

jest.setTimeout(60_000);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const CONSOLE = 'https://console.arbiter.test';

type NotificationPage = CaseApi.components['schemas']['NotificationPage'];

// Reminders (DOMAIN.md "Reminders") with the default lead times (24 and 2 hours before), driven by the test
// clock: the case API and a worker sweeping every second share it, and an in-process SMTP server reads the
// e-mails back.
describe('Reminders before deadlines: notifications, contacts and e-mail (e2e)', () => {
  let sys: TestSystem;
  let api: INestApplication;
  let fx: CaseFixtures;
  let sink: SmtpSink;
  let platform: TestUser;

  beforeAll(async () => {
    sink = await startSmtpSink();
    sys = await startTestSystem({
      env: {
        DEADLINE_SWEEP_INTERVAL: 'PT1S',
        SMTP_URL: sink.url,
        MAIL_FROM: 'Arbiter Trade Assurance <reminders@arbiter.test>',
        CONSOLE_PUBLIC_URL: `${CONSOLE}/`,
      },
      apps: [(c, k) => CaseApiModule.forRoot(c, k), (c, k) => WorkerModule.forRoot(c, k)],
    });
    api = sys.apps[0];
    fx = new CaseFixtures(sys.dataSource, sys.caseJobs, sys.clock);
    platform = await testUser('platform');
  });
  afterAll(async () => {
    await sys?.close();
    await sink?.close();
  });

  const http = () => sys.http(api);
  const register = async (user: { id: string }, email: string, name?: string) =>
    (await http().put(`/v1/contacts/${user.id}`).set(platform.auth).send({ email, ...(name && { name }) }).expect(200)).body;
  const inbox = async (user: TestUser, query = ''): Promise<NotificationPage> =>
    (await http().get(`/v1/notifications${query}`).set(user.auth).expect(200)).body;
  const mailsTo = (address: string) => sink.mails.filter((m) => m.to.includes(address));
  const mailTo = (address: string, count = 1) =>
    waitFor(async () => mailsTo(address).length >= count && mailsTo(address), { what: `${count} mail(s) to ${address}` });
  const remindersOf = (caseId: string): Promise<Array<{ kind: string; party: string; lead_time: string; status: string; skip_reason: string | null }>> =>
    sys.dataSource.query(
      `SELECT d.kind, d.party, r.lead_time, r.status, r.skip_reason FROM reminders r JOIN case_deadlines d ON d.id = r.deadline_id
       WHERE r.case_id = $1 ORDER BY r.send_at`,
      [caseId],
    );
  const settled = (caseId: string, count: number) =>
    waitFor(async () => {
      const rows = await remindersOf(caseId);
      return rows.filter((r) => r.status !== 'planned').length >= count && rows;
    }, { what: `${count} reminder(s) of case ${caseId} to be sent or skipped` });
  const reminderEvents = async (caseId: string): Promise<Array<Record<string, unknown>>> =>
    (await sys.dataSource.query(`SELECT data FROM case_events WHERE case_id = $1 AND type = 'case.reminder_sent' ORDER BY seq`, [caseId])).map(
      (e: { data: Record<string, unknown> }) => e.data,
    );
  const supplierTo = async (c: CaseEntity) => testUser('supplier', c.supplierId);
  const buyerTo = async (c: CaseEntity) => testUser('buyer', c.buyerId);
  const email = () => `${randomUUID().slice(0, 8)}@example.com`;

  describe('contacts', () => {
    it('the platform registers and replaces a contact; the platform, admins and the user read it; nobody else sees it', async () => {
      const user = await testUser('buyer');
      const first = await register(user, 'Buyer.One@Example.com', 'Ana Buyer');
      expect(first).toEqual({ userId: user.id, email: 'Buyer.One@Example.com', name: 'Ana Buyer', locale: null, updatedAt: expect.any(String) });
      const replaced = (await http().put(`/v1/contacts/${user.id}`).set(platform.auth).send({ email: 'ana@example.com', locale: 'pt-BR' }).expect(200)).body;
      expect(replaced).toMatchObject({ email: 'ana@example.com', name: null, locale: 'pt-BR' });
      for (const reader of [platform, await testUser('admin'), user]) {
        expect((await http().get(`/v1/contacts/${user.id}`).set(reader.auth).expect(200)).body).toEqual(replaced);
      }
      for (const stranger of [await testUser('buyer'), await testUser('supplier'), await testUser('specialist')]) {
        expect((await http().get(`/v1/contacts/${user.id}`).set(stranger.auth).expect(404)).body.code).toBe('not_found');
      }
      await http().get(`/v1/contacts/${randomUUID()}`).set(platform.auth).expect(404);
    });

    it('only the platform registers contacts (403), with a valid address, name and language tag (400)', async () => {
      const user = await testUser('supplier');
      expect((await http().put(`/v1/contacts/${user.id}`).set(user.auth).send({ email: email() }).expect(403)).body.code).toBe('forbidden');
      await http().put(`/v1/contacts/${user.id}`).set((await testUser('admin')).auth).send({ email: email() }).expect(403);
      for (const [field, body] of [
        ['email', { email: 'not an address' }],
        ['email', { email: 'a@b.example\r\nBcc: everyone@example.com' }],
        ['email', {}],
        ['name', { email: email(), name: 'Ana\r\nBcc: x@example.com' }],
        ['name', { email: email(), name: '' }],
        ['locale', { email: email(), locale: 'english please' }],
        ['role', { email: email(), role: 'admin' }],
      ] as const) {
        const res = await http().put(`/v1/contacts/${user.id}`).set(platform.auth).send(body).expect(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      const badId = await http().put('/v1/contacts/not-a-uuid').set(platform.auth).send({ email: email() }).expect(400);
      expect(badId.body.errors[0].field).toBe('userId');
    });
  });

  it("reminds the supplier 24 and 2 hours before its response is due: a notification and an e-mail each, on the case's timeline", async () => {
    const c = await fx.openCase();
    const supplier = await supplierTo(c);
    const address = email();
    await register(supplier, address, 'Sam Supplier');
    const dueAt = new Date(c.createdAt.getTime() + 3 * DAY);
    expect((await remindersOf(c.id)).filter((r) => r.kind === 'supplier_response').map((r) => r.lead_time)).toEqual(['PT24H', 'PT2H']);

    sys.clock.advance(2 * DAY + MINUTE);
    const [first] = await mailTo(address);
    expectMail(first, { to: address, dueAt, caseId: c.id, about: 'respond to the dispute' });
    expect(first.text).toContain('Hello Sam Supplier,');
    expect(first.text).toContain('in about 24 hours');
    expect(first.from).toBe('reminders@arbiter.test');

    const afterFirst = await inbox(supplier);
    expect(afterFirst.unreadCount).toBe(1);
    expect(afterFirst.data).toEqual([
      {
        id: expect.any(String),
        caseId: c.id,
        kind: 'supplier_response',
        deadline: { kind: 'supplier_response', party: 'supplier', dueAt: dueAt.toISOString() },
        text: expect.stringContaining(dueAt.toISOString()),
        link: `${CONSOLE}/console/cases/${c.id}`,
        createdAt: expect.any(String),
        readAt: null,
      },
    ]);
    expect(afterFirst.data[0].text).toContain('Without a response by then, the buyer is refunded the full claim.');

    sys.clock.advance(22 * HOUR);
    const [, second] = await mailTo(address, 2);
    expectMail(second, { to: address, dueAt, caseId: c.id, about: 'respond to the dispute' });
    expect(second.text).toContain('in about 2 hours');
    expect(second.messageId).not.toBe(first.messageId);

    const both = await inbox(supplier);
    expect(both.data.map((n) => n.text.includes('in about 2 hours'))).toEqual([true, false]); // newest first
    expect(both.unreadCount).toBe(2);
    expect(await reminderEvents(c.id)).toEqual([
      { deadline: { kind: 'supplier_response', party: 'supplier', dueAt: dueAt.toISOString() }, leadTime: 'PT24H', remind: ['supplier'], recipients: 1 },
      { deadline: { kind: 'supplier_response', party: 'supplier', dueAt: dueAt.toISOString() }, leadTime: 'PT2H', remind: ['supplier'], recipients: 1 },
    ]);
    // The timeline shows them; the buyer was not reminded of the supplier's deadline.
    const timeline = (await http().get(`/v1/cases/${c.id}/timeline`).set(supplier.auth).expect(200)).body.data;
    expect(timeline.filter((e: { type: string }) => e.type === 'case.reminder_sent')).toHaveLength(2);
    expect((await inbox(await buyerTo(c))).data).toEqual([]);
    // Into the outbox, for webhooks, with the same ids.
    const [{ outboxed }] = await sys.dataSource.query(
      `SELECT count(*)::int AS outboxed FROM outbox o JOIN case_events e ON e.id = o.id WHERE e.case_id = $1 AND e.type = 'case.reminder_sent'`,
      [c.id],
    );
    expect(outboxed).toBe(2);
  });

  it('marks notifications read: ?unread=true leaves them out, the count goes down; another user\'s notification is 404', async () => {
    const c = await fx.openCase();
    const supplier = await supplierTo(c);
    sys.clock.advance(2 * DAY + 23 * HOUR);
    const [latest] = (await waitFor(async () => (await inbox(supplier)).data.length === 1 && inbox(supplier), { what: 'a notification' })).data;
    // Past both reminder times at once (as after an outage): only the latest goes out.
    expect((await settled(c.id, 2)).filter((r) => r.kind === 'supplier_response').map((r) => [r.lead_time, r.status, r.skip_reason])).toEqual([
      ['PT24H', 'skipped', 'superseded'],
      ['PT2H', 'sent', null],
    ]);

    const stranger = await testUser('supplier');
    expect((await http().post(`/v1/notifications/${latest.id}/read`).set(stranger.auth).send({}).expect(404)).body.code).toBe('not_found');
    await http().post(`/v1/notifications/${randomUUID()}/read`).set(supplier.auth).send().expect(404);
    const read = (await http().post(`/v1/notifications/${latest.id}/read`).set(supplier.auth).send().expect(200)).body;
    expect(read).toEqual({ ...latest, readAt: expect.any(String) });
    // Reading it again keeps the first time.
    expect((await http().post(`/v1/notifications/${latest.id}/read`).set(supplier.auth).send({}).expect(200)).body.readAt).toBe(read.readAt);
    expect(await inbox(supplier, '?unread=true')).toEqual({ data: [], nextCursor: null, unreadCount: 0 });
    expect((await inbox(supplier, '?unread=false')).data).toEqual([read]);
    expect((await http().get('/v1/notifications?unread=yes').set(supplier.auth).expect(400)).body.errors[0].field).toBe('unread');
  });

  it('none for a deadline met before the reminder time, and none for a deadline already passed', async () => {
    const met = await fx.openCase();
    await fx.act(met.id, { type: 'make_offer', amount: { amount: 10_000, currency: 'USD' } }, supplierOf(met));
    const passed = await fx.openCase({ policy: { supplierResponse: 'PT30H' } });
    // The offer stopped the supplier's deadline; its reminders are skipped. The other passes unreminded.
    sys.clock.advance(3 * DAY + MINUTE);
    const metRows = (await settled(met.id, 2)).filter((r) => r.kind === 'supplier_response');
    expect(metRows.map((r) => [r.status, r.skip_reason])).toEqual([
      ['skipped', 'deadline_met'],
      ['skipped', 'deadline_met'],
    ]);
    const passedRows = (await settled(passed.id, 2)).filter((r) => r.kind === 'supplier_response');
    expect(passedRows.every((r) => r.status === 'skipped' && ['deadline_met', 'deadline_passed'].includes(r.skip_reason!))).toBe(true);
    for (const c of [met, passed]) {
      expect((await inbox(await supplierTo(c))).data).toEqual([]);
      expect(await reminderEvents(c.id)).toEqual([]);
    }
  });

  it('a lead time that falls before the deadline was set is not used: a 10-hour deadline gets the 2-hour reminder only', async () => {
    const c = await fx.openCase({ policy: { supplierResponse: 'PT10H' } });
    expect((await remindersOf(c.id)).filter((r) => r.kind === 'supplier_response').map((r) => r.lead_time)).toEqual(['PT2H']);
  });

  it("an evidence request: each party asked is told at once, then reminded with the request's note, unless it has answered", async () => {
    const c = await fx.underReviewCase({ buyerEvidence: true, policy: { evidenceWindow: 'PT1S' } });
    const specialist: Actor = { id: c.specialistId!, role: 'specialist' };
    const note = 'Photos of the broken seals, please.';
    const [buyer, supplier] = [await buyerTo(c), await supplierTo(c)];
    const [buyerAddress, supplierAddress] = [email(), email()];
    await register(buyer, buyerAddress);
    await register(supplier, supplierAddress);
    await fx.act(c.id, { type: 'request_evidence', from: 'both', note, dueIn: 'P2D' }, specialist);
    for (const [user, address] of [
      [buyer, buyerAddress],
      [supplier, supplierAddress],
    ] as const) {
      const [told] = await mailTo(address);
      expect(told.subject).toMatch(/^Reminder: more evidence for case [0-9a-f]{8} by \w+day, /);
      expect(told.text).toContain(`The specialist asked you for more evidence on case ${c.id.slice(0, 8)}: "${note}"`);
      expect(told.text).toMatch(/in about (2 days|48 hours)/);
      expect((await inbox(user)).data.map((n) => n.kind)).toEqual(['evidence_request']);
    }
    // The supplier answers; the buyer does not.
    await sys.dataSource.query(
      `INSERT INTO evidence (id, case_id, uploaded_by, party, file_name, declared_type, detected_type, kind, size, sha256, storage_key, status, created_at, available_at)
       VALUES ($1, $2, $3, 'supplier', 'seals.jpg', 'image/jpeg', 'image/jpeg', 'image', 1024, repeat('a', 64), 'cases/x', 'available', $4, $4)`,
      [randomUUID(), c.id, c.supplierId, sys.clock.now()],
    );
    sys.clock.advance(DAY + MINUTE);
    const [, reminded] = await mailTo(buyerAddress, 2);
    expect(reminded.text).toContain(`"${note}"`);
    expect(reminded.text).toContain('in about 24 hours');
    const requests = (await settled(c.id, 4)).filter((r) => r.kind === 'evidence_request');
    expect(requests.map((r) => [r.party, r.lead_time, r.status, r.skip_reason])).toEqual(
      expect.arrayContaining([
        ['buyer', 'P2D', 'sent', null],
        ['supplier', 'P2D', 'sent', null],
        ['buyer', 'PT24H', 'sent', null],
        ['supplier', 'PT24H', 'skipped', 'answered'],
      ]),
    );
    expect(mailsTo(supplierAddress)).toHaveLength(1);
  });

  it("a pickup: every specialist with an inbox hears of the case waiting in the queue; the decision: the assigned specialist", async () => {
    const [one, two, never] = [await testUser('specialist'), await testUser('specialist'), await testUser('specialist')];
    // Looking at one's notifications or queue opens the inbox the queue's reminders reach.
    await inbox(one);
    await http().get('/v1/queue').set(two.auth).expect(200);
    const [oneAddress, twoAddress, neverAddress] = [email(), email(), email()];
    await register(one, oneAddress);
    await register(two, twoAddress);
    await register(never, neverAddress);

    const c = await fx.escalatedCase();
    sys.clock.advance(DAY + MINUTE); // pickup SLA is two days
    for (const [user, address] of [
      [one, oneAddress],
      [two, twoAddress],
    ] as const) {
      const [mail] = await mailTo(address);
      expect(mail.subject).toMatch(/^Reminder: take case [0-9a-f]{8} from the queue by /);
      expect(mail.text).toContain(`${CONSOLE}/console/cases/${c.id}`);
      expect((await inbox(user)).data.filter((n) => n.caseId === c.id).map((n) => n.deadline.kind)).toEqual(['pickup']);
    }
    expect((await reminderEvents(c.id))[0]).toMatchObject({ remind: ['specialist_queue'], recipients: expect.any(Number) });
    expect(mailsTo(neverAddress)).toEqual([]);
    expect((await inbox(never)).data.filter((n) => n.caseId === c.id)).toEqual([]);

    // Taken by `one`: the evidence window (both parties) and then the decision (the assigned specialist) are reminded.
    const taken = (await fx.act(c.id, { type: 'claim_case' }, { id: one.id, role: 'specialist' })).caseRow;
    const buyerAddress = email();
    await register(buyerOf(taken), buyerAddress);
    sys.clock.advance(2 * DAY + MINUTE); // the evidence window (three days) has a day left
    const [evidenceMail] = await mailTo(buyerAddress);
    expect(evidenceMail.text).toContain('A buyer who has added no evidence by then loses the claim.');
    await fx.addBuyerEvidence(taken);
    sys.clock.advance(DAY + MINUTE); // the window closed: decision due in two days
    await waitFor(async () => (await remindersOf(c.id)).some((r) => r.kind === 'decision'), { what: 'the decision SLA to start' });
    sys.clock.advance(DAY + MINUTE);
    const decisionMail = await waitFor(async () => mailsTo(oneAddress).find((m) => m.subject.startsWith('Reminder: decide ')), { what: 'the decision reminder' });
    expect(decisionMail.text).toContain('After that the case is flagged overdue');
    expect(mailsTo(twoAddress).filter((m) => m.subject.startsWith('Reminder: decide '))).toEqual([]);
  });

  it('appeal windows: each party is reminded of its own', async () => {
    const c = await fx.decidedCase();
    const [buyerAddress, supplierAddress] = [email(), email()];
    await register(buyerOf(c), buyerAddress);
    await register(supplierOf(c), supplierAddress);
    await fx.act(c.id, { type: 'appeal', reason: 'The inspection report was ignored.' }, supplierOf(c));
    sys.clock.advance(9 * DAY + MINUTE);
    const [mail] = await mailTo(buyerAddress);
    expect(mail.subject).toMatch(/^Reminder: appeal window of case [0-9a-f]{8} closes by /);
    expect(mail.text).toContain('After that the decision is final for you.');
    // The supplier appealed: its window is met.
    expect(mailsTo(supplierAddress)).toEqual([]);
  });

  it('lists notifications newest first, a page at a time', async () => {
    const specialist = await testUser('specialist');
    await inbox(specialist);
    const cases = await Promise.all([fx.escalatedCase(), fx.escalatedCase(), fx.escalatedCase()]);
    sys.clock.advance(DAY + MINUTE);
    await waitFor(async () => (await inbox(specialist)).data.filter((n) => cases.some((c) => c.id === n.caseId)).length === 3, { what: 'three notifications' });
    const first = await inbox(specialist, '?limit=2');
    expect(first.data).toHaveLength(2);
    const rest = await inbox(specialist, `?limit=2&cursor=${first.nextCursor}`);
    const all = [...first.data, ...rest.data];
    expect(new Set(all.map((n) => n.id)).size).toBe(all.length);
    const times = all.map((n) => Date.parse(n.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});

function expectMail(mail: ReceivedMail, expected: { to: string; dueAt: Date; caseId: string; about: string }): void {
  expect(mail.to).toEqual([expected.to]);
  expect(mail.subject).toContain(`Reminder: ${expected.about} on case ${expected.caseId.slice(0, 8)} by `);
  expect(mail.subject).toMatch(/ UTC$/);
  // By when: spelled out in UTC and as ISO 8601, in the text and the HTML part.
  expect(mail.text).toContain(expected.dueAt.toISOString());
  expect(mail.text).toMatch(/Due by \w+day, \d{1,2} \w+ \d{4}, \d{2}:\d{2}(:\d{2})? UTC/);
  expect(mail.html).toContain(expected.dueAt.toISOString());
  expect(mail.text).toContain(`Open the case: ${CONSOLE}/console/cases/${expected.caseId}`);
  expect(mail.html).toContain(`href="${CONSOLE}/console/cases/${expected.caseId}"`);
  expect(mail.messageId).toMatch(/^<reminder-[0-9a-f-]{36}@arbiter>$/);
}
