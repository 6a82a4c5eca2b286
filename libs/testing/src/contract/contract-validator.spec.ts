import { ContractValidator, ReceivedAnswer } from './contract-validator';

const document = {
  openapi: '3.1.0',
  paths: {
    '/v1/things/{id}': {
      get: {
        responses: {
          '200': { description: '', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          '429': {
            description: '',
            headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
            content: { 'application/problem+json': { schema: { allOf: [{ $ref: '#/components/schemas/Problem' }, { type: 'object', properties: { code: { enum: ['rate_limited'] } } }] } } },
          },
        },
      },
    },
    '/v1/things/next': { post: { responses: { '204': { description: '' } } } },
  },
  components: {
    headers: { RetryAfter: { required: true, schema: { type: 'integer' } } },
    schemas: {
      Thing: {
        type: 'object',
        required: ['id', 'note', 'at'],
        properties: { id: { type: 'string', format: 'uuid' }, note: { type: ['string', 'null'] }, at: { type: 'string', format: 'date-time' } },
      },
      Problem: { type: 'object', required: ['code'], properties: { code: { type: 'string' }, detail: { type: 'string' } } },
    },
  },
};

const thing = { id: '6f1c1d0e-0000-4000-8000-000000000000', note: null, at: '2030-01-01T00:00:00.000Z' };
const answer = (overrides: Partial<ReceivedAnswer>): ReceivedAnswer => ({
  method: 'GET',
  url: `/v1/things/${thing.id}?x=1`,
  status: 200,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: thing,
  text: JSON.stringify(thing),
  ...overrides,
});

describe('ContractValidator', () => {
  const validator = new ContractValidator(document);

  it('accepts an answer that conforms, nullable fields included', () => {
    expect(validator.problems(answer({}))).toEqual([]);
  });

  it('refuses a missing, mistyped or undeclared property (answers are closed to what the schema names)', () => {
    const { note: _note, ...withoutNote } = thing;
    expect(validator.problems(answer({ body: withoutNote }))).toEqual([expect.stringContaining("must have required property 'note'")]);
    expect(validator.problems(answer({ body: { ...thing, at: 'yesterday' } }))).toEqual([expect.stringContaining('body/at must match format "date-time"')]);
    expect(validator.problems(answer({ body: { ...thing, secret: 'x' } }))).toEqual([expect.stringContaining('must NOT have additional properties')]);
  });

  it('refuses a status, a content type or a code the operation does not declare', () => {
    expect(validator.problems(answer({ status: 500 }))).toEqual([expect.stringContaining('status not declared')]);
    expect(validator.problems(answer({ headers: { 'content-type': 'text/html' } }))).toEqual([expect.stringContaining('content type text/html')]);
    const limited = answer({ status: 429, headers: { 'content-type': 'application/problem+json', 'retry-after': '1' }, body: { code: 'not_found' } });
    expect(validator.problems(limited)).toEqual([expect.stringContaining('body/code must be equal to one of the allowed values')]);
  });

  it('requires the headers a response declares as required', () => {
    const limited = answer({ status: 429, headers: { 'content-type': 'application/problem+json' }, body: { code: 'rate_limited' } });
    expect(validator.problems(limited)).toEqual([expect.stringContaining('header Retry-After missing')]);
  });

  it('matches literal path segments before templated ones, and refuses unknown operations', () => {
    expect(validator.problems({ method: 'POST', url: '/v1/things/next', status: 204, headers: {}, body: {}, text: '' })).toEqual([]);
    expect(validator.problems(answer({ method: 'DELETE' }))).toEqual([expect.stringContaining('no operation in the document')]);
    // A path the API does not have may only answer a 404 problem document.
    const missing = { method: 'GET', url: '/v1/nothing', status: 404, headers: { 'content-type': 'application/problem+json' }, text: '{}' };
    expect(validator.problems({ ...missing, body: { code: 'not_found' } })).toEqual([]);
    expect(validator.problems({ ...missing, body: { message: 'Cannot GET' } })).toContainEqual(expect.stringContaining("must have required property 'code'"));
  });
});
