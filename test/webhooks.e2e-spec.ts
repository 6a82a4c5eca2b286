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
});
