import { orderAt, orderRequest, startTestApp, TestApp, testUser, TestUser } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { CaseApiModule } from '../apps/case-api/src/case-api.module';

describe('Orders (e2e)', () => {
  let t: TestApp;
  let platform: TestUser;
  let buyer: TestUser;
  let supplier: TestUser;

  beforeAll(async () => {
    t = await startTestApp((config, clock) => CaseApiModule.forRoot(config, clock));
    platform = await testUser('platform');
    buyer = await testUser('buyer');
    supplier = await testUser('supplier');
  });
  afterAll(() => t.close());

  const newOrder = (overrides: Record<string, unknown> = {}) =>
    orderRequest(buyer.id, supplier.id, {
      amount: { amount: 125_000, currency: 'USD' },
      items: [{ description: 'Steel bolts M8', quantity: 1000, unitPrice: { amount: 125, currency: 'USD' } }],
      ...overrides,
    });

  async function createOrder(overrides: Record<string, unknown> = {}): Promise<string> {
    const res = await t.http.post('/v1/orders').set(platform.auth).send(newOrder(overrides)).expect(201);
    return res.body.id;
  }

  it('walks an order from creation to completion and releases the escrow', async () => {
    const created = await t.http.post('/v1/orders').set(platform.auth).send(newOrder()).expect(201);
    expect(created.body).toMatchObject({
      status: 'awaiting_payment',
      amount: { amount: 125_000, currency: 'USD' },
      escrow: { held: { amount: 0, currency: 'USD' } },
      externalRef: null,
    });
    const id = created.body.id;

    const paid = await t.http.post(`/v1/orders/${id}/payment`).set(platform.auth).send({ reference: 'PSP-1' }).expect(200);
    expect(paid.body).toMatchObject({ status: 'in_escrow', escrow: { held: { amount: 125_000 } } });
    expect(paid.body.paidAt).toEqual(expect.any(String));

    await t.http.post(`/v1/orders/${id}/shipment`).set(supplier.auth).send({ carrier: 'DHL', trackingNumber: 'JD01' }).expect(200);
    await t.http.post(`/v1/orders/${id}/delivery`).set(platform.auth).send({}).expect(200);
    const done = await t.http.post(`/v1/orders/${id}/receipt`).set(buyer.auth).send().expect(200);
    expect(done.body).toMatchObject({
      status: 'completed',
      escrow: { held: { amount: 0 }, released: { amount: 125_000 }, refunded: { amount: 0 } },
    });
    expect(done.body.receiptConfirmedAt).toEqual(expect.any(String));

    const ledger = await t.http.get(`/v1/orders/${id}/ledger`).set(buyer.auth).expect(200);
    expect(ledger.body.data.map((e: { kind: string; account: string; amount: { amount: number } }) => [e.kind, e.account, e.amount.amount])).toEqual([
      ['funding', 'buyer_funding', -125_000],
      ['funding', `escrow:${id}`, 125_000],
      ['release', `escrow:${id}`, -125_000],
      ['release', `supplier:${supplier.id}`, 125_000],
    ]);
    expect(ledger.body.balances).toEqual({
      held: { amount: 0, currency: 'USD' },
      released: { amount: 125_000, currency: 'USD' },
      refunded: { amount: 0, currency: 'USD' },
    });
  });

  it('accepts late event times but refuses future ones and ones before the previous step', async () => {
    const created = await t.http.post('/v1/orders').set(platform.auth).send(newOrder()).expect(201);
    const id = created.body.id;
    // The payment event arrives two days late, carrying its own time.
    t.clock.advance(2 * 86_400_000);
    const paidAt = new Date(new Date(created.body.createdAt).getTime() + 60_000).toISOString();
    const paid = await t.http.post(`/v1/orders/${id}/payment`).set(platform.auth).send({ paidAt }).expect(200);
    expect(paid.body.paidAt).toBe(paidAt);
    const future = await t.http
      .post(`/v1/orders/${id}/shipment`)
      .set(platform.auth)
      .send({ shippedAt: new Date(t.clock.now().getTime() + 3_600_000).toISOString() })
      .expect(400);
    expect(future.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'shippedAt' }] });
    const beforePayment = await t.http
      .post(`/v1/orders/${id}/shipment`)
      .set(platform.auth)
      .send({ shippedAt: created.body.createdAt })
      .expect(400);
    expect(beforePayment.body.errors[0].field).toBe('shippedAt');
    expect(beforePayment.headers['content-type']).toContain('application/problem+json');
  });

  it('answers 401 without a valid token', async () => {
    const id = await createOrder();
    const none = await t.http.get(`/v1/orders/${id}`).expect(401);
    expect(none.body).toMatchObject({ status: 401, code: 'unauthenticated' });
    await t.http.get(`/v1/orders/${id}`).set({ Authorization: 'Bearer not-a-jwt' }).expect(401);
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ sub: buyer.id, role: 'buyer', exp: Math.floor(Date.now() / 1000) + 600 }),
    ).toString('base64url')}.`;
    await t.http.get(`/v1/orders/${id}`).set({ Authorization: `Bearer ${unsigned}` }).expect(401);
  });

  it('answers 403 when the role may not act, 404 when the caller may not see the order', async () => {
    const id = await createOrder();
    const forbidden = await t.http.post('/v1/orders').set(buyer.auth).send(newOrder()).expect(403);
    expect(forbidden.body.code).toBe('forbidden');
    await t.http.post(`/v1/orders/${id}/payment`).set(buyer.auth).send({}).expect(403);

    const otherBuyer = await testUser('buyer');
    const hidden = await t.http.get(`/v1/orders/${id}`).set(otherBuyer.auth).expect(404);
    expect(hidden.body.code).toBe('not_found');
    await t.http.get(`/v1/orders/${id}/ledger`).set(otherBuyer.auth).expect(404);
    await t.http.get(`/v1/orders/${randomUUID()}`).set(buyer.auth).expect(404);
    const specialist = await testUser('specialist');
    await t.http.get(`/v1/orders/${id}`).set(specialist.auth).expect(404);
  });

  it('refuses unknown fields and malformed values with the field named', async () => {
    const unknown = await t.http.post('/v1/orders').set(platform.auth).send(newOrder({ status: 'completed' })).expect(400);
    expect(unknown.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'status' }] });
    const nested = await t.http
      .post('/v1/orders')
      .set(platform.auth)
      .send(newOrder({ amount: { amount: 12.5, currency: 'USD' } }))
      .expect(400);
    expect(nested.body.errors[0].field).toBe('amount.amount');
    const malformed = await t.http
      .post('/v1/orders')
      .set(platform.auth)
      .set('Content-Type', 'application/json')
      .send('{"buyerId": ')
      .expect(400);
    expect(malformed.body.code).toBe('validation_failed');
    await t.http.get('/v1/orders/not-a-uuid').set(platform.auth).expect(400);
  });

  it('answers 409 invalid_state for an action out of order', async () => {
    const id = await createOrder();
    const res = await t.http.post(`/v1/orders/${id}/shipment`).set(supplier.auth).send({}).expect(409);
    expect(res.body.code).toBe('invalid_state');
    await t.http.post(`/v1/orders/${id}/payment`).set(platform.auth).send({}).expect(200);
    await t.http.post(`/v1/orders/${id}/payment`).set(platform.auth).send({}).expect(409);
    await t.http.post(`/v1/orders/${id}/receipt`).set(buyer.auth).send().expect(409);
  });

  it('funds the escrow exactly once even when payment is posted concurrently', async () => {
    const id = await createOrder();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => t.http.post(`/v1/orders/${id}/payment`).set(platform.auth).send({})),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(4);
    const ledger = await t.http.get(`/v1/orders/${id}/ledger`).set(platform.auth).expect(200);
    expect(ledger.body.balances.held.amount).toBe(125_000);
    expect(ledger.body.data).toHaveLength(2);
  });

  describe('Idempotency-Key', () => {
    it('replays the first answer for the same key and body', async () => {
      const body = newOrder({ externalRef: 'ERP-1' });
      const first = await t.http.post('/v1/orders').set(platform.auth).set('Idempotency-Key', 'create-1').send(body).expect(201);
      const again = await t.http.post('/v1/orders').set(platform.auth).set('Idempotency-Key', 'create-1').send(body).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
    });

    it('replays a refusal too, and scopes keys to the caller', async () => {
      const id = await createOrder();
      await t.http.post(`/v1/orders/${id}/shipment`).set(platform.auth).set('Idempotency-Key', 'ship-1').send({}).expect(409);
      const replay = await t.http.post(`/v1/orders/${id}/shipment`).set(platform.auth).set('Idempotency-Key', 'ship-1').send({}).expect(409);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body.code).toBe('invalid_state');
      const otherPlatform = await testUser('platform');
      await t.http.post(`/v1/orders/${id}/payment`).set(otherPlatform.auth).set('Idempotency-Key', 'ship-1').send({}).expect(200);
    });

    it('answers 422 for the same key with another body', async () => {
      await t.http.post('/v1/orders').set(platform.auth).set('Idempotency-Key', 'create-2').send(newOrder()).expect(201);
      const res = await t.http
        .post('/v1/orders')
        .set(platform.auth)
        .set('Idempotency-Key', 'create-2')
        .send(newOrder({ externalRef: 'different' }))
        .expect(422);
      expect(res.body.code).toBe('idempotency_key_reused');
    });

    it('answers 409 idempotency_in_progress to concurrent requests with one key', async () => {
      const body = newOrder();
      const results = await Promise.all(
        Array.from({ length: 8 }, () => t.http.post('/v1/orders').set(platform.auth).set('Idempotency-Key', 'create-3').send(body)),
      );
      const statuses = results.map((r) => r.status);
      const created = results.filter((r) => r.status === 201);
      const inProgress = results.filter((r) => r.status === 409);
      expect(created.length + inProgress.length).toBe(8);
      expect(inProgress.every((r) => r.body.code === 'idempotency_in_progress')).toBe(true);
      // Exactly one order was created; every 201 is that one (first answer or replay).
      expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
      expect(statuses).toContain(201);
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM orders WHERE id = $1`, [created[0].body.id]);
      expect(count).toBe(1);
    });

    it('refuses a key longer than 255 characters', async () => {
      const res = await t.http.post('/v1/orders').set(platform.auth).set('Idempotency-Key', 'k'.repeat(256)).send(newOrder()).expect(400);
      expect(res.body.errors[0].field).toBe('Idempotency-Key');
    });
  });

  describe('listing (GET /v1/orders)', () => {
    it('lists the caller’s own orders newest first, with a status filter and cursors', async () => {
      const mine = await testUser('buyer');
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await t.http.post('/v1/orders').set(platform.auth).send(orderRequest(mine.id, supplier.id, { externalRef: `LIST-${i}` })).expect(201);
        ids.push(res.body.id);
      }
      await t.http.post(`/v1/orders/${ids[0]}/payment`).set(platform.auth).send({}).expect(200);
      const first = await t.http.get('/v1/orders?limit=2').set(mine.auth).expect(200);
      expect(first.body.data.map((o: { id: string }) => o.id)).toEqual([ids[2], ids[1]]);
      const second = await t.http.get('/v1/orders').query({ limit: 2, cursor: first.body.nextCursor }).set(mine.auth).expect(200);
      expect(second.body).toMatchObject({ data: [{ id: ids[0], status: 'in_escrow' }], nextCursor: null });
      const paid = await t.http.get('/v1/orders?status=in_escrow').set(mine.auth).expect(200);
      expect(paid.body.data.map((o: { id: string }) => o.id)).toEqual([ids[0]]);
      // Another buyer sees none of them; the platform sees them all.
      const other = await testUser('buyer');
      expect((await t.http.get('/v1/orders').set(other.auth).expect(200)).body.data).toEqual([]);
      const all = await t.http.get('/v1/orders?limit=100').set(platform.auth).expect(200);
      expect(all.body.data.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining(ids));
    });

    it('carries the reasons a dispute may be opened for now, and the open case', async () => {
      const mine = await testUser('buyer');
      const parties = { buyer: mine, supplier, platform };
      const ship = Date.now() - 2 * 86_400_000;
      const late = (await t.http.post('/v1/orders').set(platform.auth).send(orderRequest(mine.id, supplier.id, { shipBy: new Date(ship).toISOString() })).expect(201)).body;
      await t.http.post(`/v1/orders/${late.id}/payment`).set(platform.auth).send({}).expect(200);
      const delivered = await orderAt(t.http, parties, 'delivered');
      const unpaid = await orderAt(t.http, parties, 'created');

      const byId = async () => {
        const res = await t.http.get('/v1/orders?limit=100').set(mine.auth).expect(200);
        return new Map(res.body.data.map((o: { id: string; coverage: { reasons: string[] }; openCaseId: string | null }) => [o.id, o]));
      };
      let orders = await byId();
      expect(orders.get(late.id)).toMatchObject({ coverage: { reasons: ['not_shipped_on_time'] }, openCaseId: null });
      expect(orders.get(delivered.id)).toMatchObject({ coverage: { reasons: ['quality_not_as_agreed', 'damaged', 'quantity_short', 'wrong_item'] } });
      expect(orders.get(unpaid.id)).toMatchObject({ coverage: { reasons: [] } });

      const opened = await t.http
        .post('/v1/cases')
        .set(mine.auth)
        .send({ orderId: delivered.id, reason: 'damaged', claim: { amount: 10_000, currency: 'USD' }, description: 'Crushed boxes on arrival.' })
        .expect(201);
      orders = await byId();
      expect(orders.get(delivered.id)).toMatchObject({ coverage: { reasons: [] }, openCaseId: opened.body.id });
      expect((await t.http.get(`/v1/orders/${delivered.id}`).set(mine.auth).expect(200)).body.openCaseId).toBe(opened.body.id);
      // Withdrawn: the order may be disputed again.
      await t.http.post(`/v1/cases/${opened.body.id}/withdraw`).set(mine.auth).expect(200);
      expect((await byId()).get(delivered.id)).toMatchObject({ openCaseId: null, coverage: { reasons: ['quality_not_as_agreed', 'damaged', 'quantity_short', 'wrong_item'] } });
    });
  });

  it('serves health and an OpenAPI document listing the order endpoints', async () => {
    const health = await t.http.get('/health').expect(200);
    expect(health.body).toEqual({
      status: 'ok',
      checks: { database: { status: 'up' }, redis: { status: 'up' }, storage: { status: 'up' } },
    });
    const doc = await t.http.get('/docs-json').expect(200);
    for (const path of ['/v1/orders', '/v1/orders/{id}', '/v1/orders/{id}/ledger', '/v1/orders/{id}/payment', '/v1/orders/{id}/shipment', '/v1/orders/{id}/delivery', '/v1/orders/{id}/receipt']) {
      expect(doc.body.paths[path]).toBeDefined();
    }
    expect(doc.body.components.schemas.CreateOrderRequest.required).toEqual(expect.arrayContaining(['buyerId', 'amount', 'shipBy']));
    expect(doc.body.components.schemas.Order).toBeDefined();
    const refusal = doc.body.paths['/v1/orders'].post.responses['422'].content['application/problem+json'].schema;
    expect(refusal.allOf).toEqual([{ $ref: '#/components/schemas/Problem' }, { type: 'object', properties: { code: { type: 'string', enum: ['currency_mismatch', 'idempotency_key_reused'] } } }]);
    expect(doc.body.components.schemas.Problem.properties.code.enum).toEqual(expect.arrayContaining(['not_found', 'idempotency_key_reused']));
  });
});
