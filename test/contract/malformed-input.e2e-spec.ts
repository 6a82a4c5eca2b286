import { STATUS_OF } from '@app/http';
import {
  EvidenceClient,
  FuzzRequest,
  newParties,
  openDispute,
  operationsOf,
  requestArbitrary,
  sampleBytes,
  startTestSystem,
  TestSystem,
  testUser,
  TestUser,
} from '@app/testing';
import type { INestApplication } from '@nestjs/common';
import fc from 'fast-check';
import type TestAgent from 'supertest/lib/agent';
import { CaseApiModule } from '../../apps/case-api/src/case-api.module';
import { EvidenceServiceModule } from '../../apps/evidence-service/src/evidence-service.module';

// Runs per operation; FUZZ_RUNS and FUZZ_SEED explore further (fast-check prints the seed of a failure).
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);

/**
 * No input gives a 5xx: generated hostile bodies, path ids, queries and headers are sent to every operation of
 * both HTTP apps, as callers of every role (and none). Every answer is a problem document with a code of API.md
 * and that code's status; and, as every e2e request, it conforms to the served document, which lists the
 * codes each operation can answer.
 */
describe('Malformed input (property-based, every endpoint of both apps)', () => {
  let sys: TestSystem;
  let callers: Array<TestUser | 'anonymous' | 'bad token'>;
  let ids: string[];
  let sent = 0;

  beforeAll(async () => {
    sys = await startTestSystem({ apps: [(config, clock) => CaseApiModule.forRoot(config, clock), (config, clock) => EvidenceServiceModule.forRoot(config, clock)] });
    const [caseApi, evidence] = sys.apps;
    const parties = await newParties();
    const opened = await openDispute(sys.http(caseApi), parties);
    const item = await new EvidenceClient(sys.http(evidence), parties.buyer).direct(opened.caseId, sampleBytes.jpeg(), 'crate.jpg').expect(201);
    const admin = await testUser('admin');
    const webhook = await sys.http(caseApi).post('/v1/webhooks').set(admin.auth).send({ url: 'https://1.1.1.1/hooks', events: ['*'] }).expect(201);
    ids = [opened.caseId, opened.orderId, item.body.id, webhook.body.id, parties.buyer.id, parties.supplier.id];
    callers = [parties.buyer, parties.supplier, await testUser('specialist'), await testUser('reviewer'), parties.platform, admin, 'anonymous', 'bad token'];
  });
  afterAll(async () => {
    if (documents.size) console.log(`malformed input: ${sent} requests to ${apps().flatMap((a) => a.operations).length} operations`);
    await sys?.close();
  });

  const documents = new Map<INestApplication, Record<string, unknown>>();
  const apps = () => sys.apps.map((app) => ({ app, operations: operationsOf(documents.get(app) as never) }));

  it('loads both served documents', async () => {
    for (const app of sys.apps) documents.set(app, (await sys.http(app).get('/docs-json').expect(200)).body);
    expect(apps().map((a) => a.operations.length)).toEqual([expect.any(Number), expect.any(Number)]);
  });

  it.each([
    ['case API', 0],
    ['evidence service', 1],
  ])('%s: never a 5xx, always a problem document with a code of API.md', async (_name, index) => {
    const { app, operations } = apps()[index];
    const http = sys.http(app);
    const failures: string[] = [];
    for (const operation of operations) {
      const arbitrary = fc.tuple(requestArbitrary(documents.get(app) as never, operation, ids), fc.constantFrom(...callers));
      const details = await fc.check(
        fc.asyncProperty(arbitrary, async ([request, caller]) => {
          sent++;
          const res = await send(http, operation.method, request, caller);
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
            expect(STATUS_OF[res.body.code as keyof typeof STATUS_OF]).toBe(res.status);
          }
        }),
        { numRuns: RUNS, seed: SEED },
      );
      if (details.failed) failures.push(describeFailure(operation.id, details.counterexample?.[0], details.errorInstance));
    }
    // Every operation is tried even when one fails, so one run shows them all.
    expect(failures).toEqual([]);
  }, Math.max(60_000, RUNS * 56 * 5)); // about 1.5 ms a request here; room for longer runs on slower machines
});

/** The shrunk request that failed, whose token it carried, and why. */
function describeFailure(operation: string, example: [FuzzRequest, TestUser | string] | undefined, error: unknown): string {
  const [request, caller] = example ?? [];
  const who = typeof caller === 'object' ? caller.role : caller;
  const why = String((error as Error)?.message ?? error).split('\n').filter((line) => line.trim()).slice(0, 6).join('\n    ');
  return `${operation} as ${who}: ${JSON.stringify(request).slice(0, 500)}\n    ${why}`;
}

async function send(http: TestAgent, method: string, request: FuzzRequest, caller: TestUser | 'anonymous' | 'bad token') {
  let test = (http as unknown as Record<string, (url: string) => ReturnType<TestAgent['get']>>)[method](request.path).query(request.query);
  for (const [name, value] of Object.entries(request.headers)) if (name !== 'Content-Type') test = test.set(name, value);
  if (caller === 'bad token') test = test.set('Authorization', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.');
  else if (caller !== 'anonymous') test = test.set(caller.auth);
  const body = request.body;
  if (!body) return test;
  if ('raw' in body) return test.set('Content-Type', 'application/json').send(body.raw);
  if ('multipart' in body) {
    for (const part of body.multipart) {
      test = typeof part.value === 'string' && part.fileName === undefined ? test.field(part.name, part.value) : test.attach(part.name, Buffer.from(part.value), part.fileName || 'file');
    }
    return test;
  }
  return test.set('Content-Type', request.headers['Content-Type'] ?? 'application/json').send(JSON.stringify(body.json));
}
