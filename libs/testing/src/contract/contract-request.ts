import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type Test from 'supertest/lib/test';
import { ContractValidator } from './contract-validator';

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

/**
 * What an HTTP app serves beside its API: the document itself, Swagger UI, the queue dashboard (HTML), metrics,
 * the web console's pages and `/` (a redirect to them); the console's config.json and identities are API.
 */
const NOT_API = /^\/((docs(-json)?|admin\/queues|metrics)(\/|$|\?)|$|console(\/(?!(config\.json|development-identities)([?#]|$))|$))/;

/**
 * The way every end-to-end test talks to an HTTP app: supertest, with one more assertion on every request,
 * run after the test's own — the answer must conform to the OpenAPI document the app serves (a mismatch
 * fails the test). Apps that serve no document (the workers) are requested as they are.
 */
export async function contractRequest(app: INestApplication): Promise<TestAgent> {
  const server = app.getHttpServer() as Server;
  const plain = request(server);
  const served = await plain.get('/docs-json');
  if (served.status === 404) return plain as unknown as TestAgent;
  if (served.status !== 200) throw new Error(`GET /docs-json answered ${served.status}`);
  const validator = new ContractValidator(served.body);
  const agent: Record<string, unknown> = {};
  for (const method of METHODS) {
    // OPTIONS is CORS's preflight, answered before any route: HTTP's machinery, not an operation of the API.
    agent[method] = (url: string) => (NOT_API.test(url) || method === 'options' ? plain[method](url) : checked(plain[method](url), method, url, validator));
  }
  agent.del = agent.delete;
  return agent as unknown as TestAgent;
}

function checked(test: Test, method: string, url: string, validator: ContractValidator): Test {
  const internals = test as unknown as { _asserts: Array<(res: request.Response) => Error | undefined>; end: Test['end'] };
  const end = internals.end.bind(test);
  internals.end = (callback) => {
    internals._asserts.push((res) => {
      const problems = validator.problems({ method, url, status: res.status, headers: res.headers, body: res.body, text: res.text });
      return problems.length ? new Error(`The answer does not conform to the served OpenAPI document:\n  ${problems.join('\n  ')}`) : undefined;
    });
    return end(callback);
  };
  return test;
}
