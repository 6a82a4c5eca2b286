import { startTestApp, TestApp, testUser, TestUser } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { CaseApiModule } from '../apps/case-api/src/case-api.module';

describe('Webhooks (e2e)', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    // Registration as such, on loopback and made-up names; test/security/webhook-targets covers the address policy.
    t = await startTestApp((config, clock) => CaseApiModule.forRoot(config, clock), { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
    admin = await testUser('admin');
  });
  afterAll(() => t.close());

  const register = (body: Record<string, unknown>) => t.http.post('/v1/webhooks').set(admin.auth).send(body);

  it('registers a webhook and shows its secret only in the answer to POST', async () => {
    const res = await register({ url: 'http://127.0.0.1:4567/hook', events: ['case.opened', 'refund.succeeded'] }).expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      url: 'http://127.0.0.1:4567/hook',
      events: ['case.opened', 'refund.succeeded'],
      secret: expect.stringMatching(/^[0-9a-f]{64}$/),
      createdBy: admin.id,
      createdAt: expect.any(String),
    });
    const [row] = await t.dataSource.query('SELECT secret, events, created_by FROM webhooks WHERE id = $1', [res.body.id]);
    expect(row).toEqual({ secret: res.body.secret, events: ['case.opened', 'refund.succeeded'], created_by: admin.id });

    const other = await register({ url: 'https://hooks.example.com/arbiter', events: ['*'] }).expect(201);
    expect(other.body.secret).not.toEqual(res.body.secret);

    const list = await t.http.get('/v1/webhooks?limit=100').set(admin.auth).expect(200);
    const listed = list.body.data.find((w: { id: string }) => w.id === res.body.id);
    expect(listed).toEqual({ id: res.body.id, url: res.body.url, events: res.body.events, createdBy: admin.id, createdAt: res.body.createdAt });
    expect(listed).not.toHaveProperty('secret');
  });

  it('is for admins only', async () => {
    for (const role of ['buyer', 'supplier', 'specialist', 'reviewer', 'platform'] as const) {
      const user = await testUser(role);
      const res = await t.http.post('/v1/webhooks').set(user.auth).send({ url: 'https://example.com/h', events: ['*'] }).expect(403);
      expect(res.body.code).toBe('forbidden');
      await t.http.get('/v1/webhooks').set(user.auth).expect(403);
      await t.http.delete(`/v1/webhooks/${randomUUID()}`).set(user.auth).expect(403);
    }
    const anonymous = await t.http.get('/v1/webhooks').expect(401);
    expect(anonymous.body.code).toBe('unauthenticated');
  });

  it.each([
    ['a non-http scheme', { url: 'ftp://example.com/hook', events: ['*'] }, 'url'],
    ['a javascript: url', { url: 'javascript:alert(1)', events: ['*'] }, 'url'],
    ['no scheme', { url: 'example.com/hook', events: ['*'] }, 'url'],
    ['not a url', { url: 'not a url', events: ['*'] }, 'url'],
    ['a missing url', { events: ['*'] }, 'url'],
    ['an unknown event type', { url: 'https://example.com/h', events: ['case.opened', 'case.exploded'] }, 'events'],
    ['no events', { url: 'https://example.com/h', events: [] }, 'events'],
    ['events not a list', { url: 'https://example.com/h', events: 'case.opened' }, 'events'],
    ['"*" with other types', { url: 'https://example.com/h', events: ['*', 'case.opened'] }, 'events'],
    ['a repeated type', { url: 'https://example.com/h', events: ['case.opened', 'case.opened'] }, 'events'],
    ['an unknown field', { url: 'https://example.com/h', events: ['*'], secret: 'mine' }, 'secret'],
  ])('refuses %s with 400 naming the field', async (_, body, field) => {
    const res = await register(body).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('accepts localhost receivers (no top-level domain needed)', async () => {
    await register({ url: 'http://localhost:3999/hooks', events: ['case.resolved'] }).expect(201);
  });

  it('pages the list with a cursor, oldest first, without repeats', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await register({ url: `https://example.com/page/${i}`, events: ['*'] }).expect(201)).body.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const res = await t.http.get(`/v1/webhooks${query}`).set(admin.auth).expect(200);
      expect(res.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.data.map((w: { id: string }) => w.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    expect(cursor).toBeNull();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => ids.includes(id))).toEqual(ids);
    const total: Array<{ n: number }> = await t.dataSource.query('SELECT count(*)::int AS n FROM webhooks WHERE deleted_at IS NULL');
    expect(seen.length).toBe(total[0].n);

    await t.http.get('/v1/webhooks?limit=0').set(admin.auth).expect(400);
    await t.http.get('/v1/webhooks?limit=101').set(admin.auth).expect(400);
    const bad = await t.http.get('/v1/webhooks?cursor=garbage').set(admin.auth).expect(400);
    expect(bad.body.code).toBe('validation_failed');
  });

  it('deletes softly: 204, then gone from the list, then 404', async () => {
    const { body } = await register({ url: 'https://example.com/delete-me', events: ['case.opened'] }).expect(201);
    await t.http.delete(`/v1/webhooks/${body.id}`).set(admin.auth).expect(204);
    const [row] = await t.dataSource.query('SELECT deleted_at FROM webhooks WHERE id = $1', [body.id]);
    expect(row.deleted_at).toBeInstanceOf(Date);

    const list = await t.http.get('/v1/webhooks?limit=100').set(admin.auth).expect(200);
    expect(list.body.data.map((w: { id: string }) => w.id)).not.toContain(body.id);

    const again = await t.http.delete(`/v1/webhooks/${body.id}`).set(admin.auth).expect(404);
    expect(again.body.code).toBe('not_found');
    await t.http.delete(`/v1/webhooks/${randomUUID()}`).set(admin.auth).expect(404);
    await t.http.delete('/v1/webhooks/not-a-uuid').set(admin.auth).expect(400);
  });

  const hook = async () => (await t.http.post('/v1/webhooks').set(admin.auth).send({ url: 'http://127.0.0.1:4567/hook', events: ['*'] }).expect(201)).body;

  /** A delivery of a fresh event to `webhookId`, as the worker's dispatcher writes it, `ageMs` old. */
  async function delivery(webhookId: string, ageMs: number, status = 'failed', type = 'case.opened'): Promise<{ id: string; eventId: string }> {
    const eventId = randomUUID();
    const at = new Date(t.clock.now().getTime() - ageMs);
    await t.dataSource.query(`INSERT INTO outbox (id, event_type, payload, created_at, dispatched_at) VALUES ($1, $2, $3, $4, $4)`, [
      eventId,
      type,
      { id: eventId, type },
      at,
    ]);
    const [row] = await t.dataSource.query(
      `INSERT INTO webhook_deliveries (webhook_id, event_id, status, attempts, round_attempts, last_status_code, last_error, next_attempt_at, created_at, round_started_at, delivered_at)
       VALUES ($1, $2, $3, 7, 7, 503, 'receiver answered 503', $4, $4, $4, CASE WHEN $3 = 'delivered' THEN $4::timestamptz END) RETURNING id`,
      [webhookId, eventId, status, at],
    );
    return { id: row.id, eventId };
  }

  it('lists a webhook\'s deliveries newest first, paged, and by status', async () => {
    const { id } = await hook();
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await delivery(id, (5 - i) * 60_000, i % 2 ? 'delivered' : 'failed', i === 4 ? 'refund.succeeded' : 'case.opened'));
    const other = await hook();
    await delivery(other.id, 0);

    const first = await t.http.get(`/v1/webhooks/${id}/deliveries?limit=2`).set(admin.auth).expect(200);
    expect(first.body.data[0]).toEqual({
      id: made[4].id,
      webhookId: id,
      eventId: made[4].eventId,
      eventType: 'refund.succeeded',
      status: 'failed',
      attempts: 7,
      lastStatusCode: 503,
      lastError: 'receiver answered 503',
      nextAttemptAt: null,
      createdAt: expect.any(String),
      deliveredAt: null,
    });
    const seen = [...first.body.data];
    let cursor = first.body.nextCursor;
    while (cursor) {
      const page = await t.http.get(`/v1/webhooks/${id}/deliveries?limit=2&cursor=${cursor}`).set(admin.auth).expect(200);
      seen.push(...page.body.data);
      cursor = page.body.nextCursor;
    }
    expect(seen.map((d) => d.id)).toEqual(made.map((d) => d.id).reverse());
    const delivered = seen.find((d) => d.status === 'delivered');
    expect(delivered.deliveredAt).toEqual(delivered.createdAt);

    const failed = await t.http.get(`/v1/webhooks/${id}/deliveries?status=failed`).set(admin.auth).expect(200);
    expect(failed.body.data.map((d: { id: string }) => d.id)).toEqual([made[4].id, made[2].id, made[0].id]);
    const bad = await t.http.get(`/v1/webhooks/${id}/deliveries?status=lost`).set(admin.auth).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['status']);
  });

  it('sends a delivery again: pending at once, its attempts kept, no new entry (202)', async () => {
    const { id } = await hook();
    const failed = await delivery(id, 5 * 86_400_000);
    const res = await t.http.post(`/v1/webhooks/deliveries/${failed.id}/redeliver`).set(admin.auth).send().expect(202);
    expect(res.body).toMatchObject({ id: failed.id, eventId: failed.eventId, status: 'pending', attempts: 7, deliveredAt: null });
    expect(Math.abs(new Date(res.body.nextAttemptAt).getTime() - t.clock.now().getTime())).toBeLessThan(5_000);
    const [row] = await t.dataSource.query(`SELECT round_attempts, round_started_at FROM webhook_deliveries WHERE id = $1`, [failed.id]);
    expect(row.round_attempts).toBe(0);
    expect(row.round_started_at.toISOString()).toBe(res.body.nextAttemptAt);
    const log = await t.http.get(`/v1/webhooks/${id}/deliveries`).set(admin.auth).expect(200);
    expect(log.body.data).toHaveLength(1);

    const delivered = await delivery(id, 1000, 'delivered');
    await t.http.post(`/v1/webhooks/deliveries/${delivered.id}/redeliver`).set(admin.auth).send({}).expect(202);
    await t.http.post(`/v1/webhooks/deliveries/${delivered.id}/redeliver`).set(admin.auth).send({ force: true }).expect(400);
    expect((await t.http.post(`/v1/webhooks/deliveries/${randomUUID()}/redeliver`).set(admin.auth).send().expect(404)).body.code).toBe('not_found');
  });

  it('rotates the secret: a new one, shown once, with the old one kept for 24 hours', async () => {
    const created = await hook();
    const res = await t.http.post(`/v1/webhooks/${created.id}/rotate-secret`).set(admin.auth).send().expect(200);
    expect(res.body).toEqual({ secret: expect.stringMatching(/^[0-9a-f]{64}$/), previousSecretExpiresAt: expect.any(String) });
    expect(res.body.secret).not.toBe(created.secret);
    expect(new Date(res.body.previousSecretExpiresAt).getTime() - t.clock.now().getTime()).toBeGreaterThan(86_400_000 - 5_000);
    const [row] = await t.dataSource.query(`SELECT secret, previous_secret FROM webhooks WHERE id = $1`, [created.id]);
    expect(row).toEqual({ secret: res.body.secret, previous_secret: created.secret });
    const listed = await t.http.get('/v1/webhooks?limit=100').set(admin.auth).expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(res.body.secret);
  });

  it('knows no deliveries or secrets of a deleted or unknown webhook (404), and is for admins only', async () => {
    const { id } = await hook();
    const kept = await delivery(id, 0);
    await t.http.delete(`/v1/webhooks/${id}`).set(admin.auth).expect(204);
    for (const webhookId of [id, randomUUID()]) {
      expect((await t.http.get(`/v1/webhooks/${webhookId}/deliveries`).set(admin.auth).expect(404)).body.code).toBe('not_found');
      await t.http.post(`/v1/webhooks/${webhookId}/rotate-secret`).set(admin.auth).send().expect(404);
    }
    await t.http.post(`/v1/webhooks/deliveries/${kept.id}/redeliver`).set(admin.auth).send().expect(404);

    const live = await hook();
    const mine = await delivery(live.id, 0);
    for (const role of ['buyer', 'supplier', 'specialist', 'reviewer', 'platform'] as const) {
      const user = await testUser(role);
      expect((await t.http.get(`/v1/webhooks/${live.id}/deliveries`).set(user.auth).expect(403)).body.code).toBe('forbidden');
      await t.http.post(`/v1/webhooks/deliveries/${mine.id}/redeliver`).set(user.auth).send().expect(403);
      await t.http.post(`/v1/webhooks/${live.id}/rotate-secret`).set(user.auth).send().expect(403);
    }
    await t.http.get(`/v1/webhooks/not-a-uuid/deliveries`).set(admin.auth).expect(400);
  });
});
