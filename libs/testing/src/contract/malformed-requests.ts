import fc from 'fast-check';

// Requests for the fuzz test, derived from a served OpenAPI document: for each operation, bodies, path ids,
// queries and headers that are valid except where they are made hostile on purpose.

type Schema = Record<string, unknown>;
type Document = { paths: Record<string, Record<string, OperationObject>>; components?: { schemas?: Record<string, Schema> } };
interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: Schema;
  $ref?: string;
}
interface OperationObject {
  operationId: string;
  parameters?: ParameterObject[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

export interface OperationUnderTest {
  id: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  template: string;
  pathParams: string[];
  queryParams: Array<{ name: string; schema: Schema }>;
  /** The JSON body schema, resolved; undefined for operations without a JSON body. */
  body?: Schema;
  multipart: boolean;
}

export interface FuzzRequest {
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** A JSON value, or raw text sent as JSON (malformed JSON). */
  body: { json: unknown } | { raw: string } | { multipart: Array<{ name: string; value: string | Buffer; fileName?: string }> } | undefined;
}

export function operationsOf(document: Document): OperationUnderTest[] {
  const operations: OperationUnderTest[] = [];
  for (const [template, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const parameters = (operation.parameters ?? []).filter((p) => !p.$ref);
      const content = operation.requestBody?.content ?? {};
      operations.push({
        id: operation.operationId,
        method: method as OperationUnderTest['method'],
        template,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: content['application/json'] && resolve(document, content['application/json'].schema),
        multipart: 'multipart/form-data' in content,
      });
    }
  }
  return operations;
}

function resolve(document: Document, schema: Schema): Schema {
  if (typeof schema.$ref === 'string') return resolve(document, document.components!.schemas![schema.$ref.split('/').pop()!]);
  if (Array.isArray(schema.allOf)) return Object.assign({}, ...schema.allOf.map((part) => resolve(document, part as Schema)), { ...schema, allOf: undefined });
  if (Array.isArray(schema.anyOf)) return resolve(document, (schema.anyOf as Schema[]).find((s) => s.type !== 'null') ?? {});
  return schema;
}

/** A value the schema accepts; `ids` stand in for uuids (ids that exist, so requests get past the lookup). */
export function validValue(document: Document, raw: Schema, ids: string[]): unknown {
  const schema = resolve(document, raw);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (type === 'object' || schema.properties) {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    return Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, validValue(document, property, ids)]));
  }
  if (type === 'array') return [validValue(document, (schema.items ?? {}) as Schema, ids)];
  if (type === 'integer' || type === 'number') return Math.max(Number(schema.minimum ?? 1), 1);
  if (type === 'boolean') return true;
  if (schema.format === 'uuid') return ids[0];
  if (schema.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
  if (schema.pattern === '^[A-Z]{3}$') return 'USD';
  if (typeof schema.pattern === 'string' && schema.pattern.includes('0-9a-fA-F')) return 'a'.repeat(64);
  return 'x'.repeat(Math.max(Number(schema.minLength ?? 1), 1) + 20);
}

/** Values no field of this API accepts as they are (each one is wrong for most fields, hostile for some). */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 63, Number.MAX_SAFE_INTEGER + 2, '', ' ', 'usd', 'US', 'USDX'),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\u202eexe.gpj', '<script>alert(1)</script>', "' OR 1=1 --", '../../etc/passwd'),
  fc.constantFrom('1970-01-01', '2030-02-31T00:00:00Z', 'not a date', '2030-01-01T00:00:00', '9999999-01-01T00:00:00Z', 'NaN', 'Infinity'),
  fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '{}', '[]'),
  fc.constant('x'.repeat(10_001)),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 8 }), fc.constant(null)), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.integer(), fc.string({ maxLength: 8 })), { maxKeys: 3 }),
  fc.constant([{ amount: 100, currency: 'USD' }]),
  fc.constant({ amount: '100', currency: 'USD' }),
  fc.constant({ amount: 100, currency: 'usd' }),
  fc.constant({ amount: -5, currency: 'USD' }),
  fc.constant({ amount: 100, currency: 'USD', extra: 1 }),
);

/** Every dotted path of a value's object fields, so one of them can be broken. */
function fieldPaths(value: unknown, prefix: string[] = []): string[][] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return prefix.length ? [prefix] : [];
  const own = Object.entries(value).flatMap(([key, child]) => fieldPaths(child, [...prefix, key]));
  return prefix.length ? [prefix, ...own] : own;
}

function withField(value: unknown, path: string[], replacement: unknown): unknown {
  if (!path.length) return replacement;
  const copy = { ...(value as Record<string, unknown>) };
  copy[path[0]] = withField(copy[path[0]], path.slice(1), replacement);
  return copy;
}

function bodyArbitrary(document: Document, operation: OperationUnderTest, ids: string[]): fc.Arbitrary<FuzzRequest['body']> {
  if (operation.multipart) {
    const part = fc.record({
      name: fc.constantFrom('file', 'description', 'other', '\u202efile'),
      value: fc.oneof(fc.string({ maxLength: 30 }), fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes))),
      fileName: fc.option(fc.constantFrom('a.jpg', 'x.html', '../../a.pdf', 'a\u202egpj.exe', ''), { nil: undefined }),
    });
    return fc.oneof(fc.array(part, { maxLength: 3 }).map((parts) => ({ multipart: parts })), fc.constant(undefined), hostileValue.map((json) => ({ json })));
  }
  const valid = operation.body ? validValue(document, operation.body, ids) : {};
  const paths = fieldPaths(valid);
  const broken = paths.length
    ? fc.tuple(fc.constantFrom(...paths), hostileValue).map(([path, bad]) => ({ json: withField(valid, path, bad) }))
    : hostileValue.map((json) => ({ json }));
  return fc.oneof(
    { weight: 5, arbitrary: broken },
    { weight: 1, arbitrary: fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), hostileValue).map(([key, bad]) => ({ json: { ...(valid as object), [key]: bad } })) },
    { weight: 1, arbitrary: hostileValue.map((json) => ({ json })) },
    { weight: 1, arbitrary: fc.constantFrom('{', '{"a":', '[1,', 'null', '"text"', '{"__proto__":{"x":1}}', '\u0000').map((raw) => ({ raw })) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 300 });

/** Requests to one operation: mostly well-formed around one hostile part, sometimes hostile throughout. */
export function requestArbitrary(document: Document, operation: OperationUnderTest, ids: string[]): fc.Arbitrary<FuzzRequest> {
  const pathValue = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ids) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom('x', '1', 'null', '%00', '%E2%80%AE', 'a'.repeat(300), '..%2F..', '00000000-0000-0000-0000-00000000000g') },
  );
  const pathArb = fc.tuple(...operation.pathParams.map(() => pathValue)).map((values) =>
    operation.pathParams.reduce((path, name, i) => path.replace(`{${name}}`, String(values[i])), operation.template),
  );
  const queryValue = fc.oneof(fc.constantFrom('1', '20', '100', '0', '-1', '101', '1e3', 'abc', '', 'open', 'USD'), headerText, hostileValue.map((v) => (typeof v === 'string' ? v : String(JSON.stringify(v)))));
  const queryArb = fc
    .tuple(
      fc.subarray(operation.queryParams.map((p) => p.name)),
      fc.array(queryValue, { minLength: operation.queryParams.length, maxLength: operation.queryParams.length }),
      fc.option(fc.tuple(fc.constantFrom('cursor', 'status', 'unknown', 'limit[]', '__proto__'), queryValue), { nil: undefined }),
      fc.option(fc.base64String({ maxLength: 80 }), { nil: undefined }),
    )
    .map(([names, values, extra, cursor]) => {
      const query: Record<string, string> = Object.fromEntries(names.map((name, i) => [name, values[i] ?? '']));
      if (extra) query[extra[0]] = extra[1];
      if (cursor !== undefined && operation.queryParams.some((p) => p.name === 'cursor')) query.cursor = cursor;
      return query;
    });
  const headersArb = fc.record(
    {
      'Idempotency-Key': fc.oneof(fc.uuid(), headerText, fc.constant('k'.repeat(256))),
      'Content-Type': fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/json; charset=latin1'),
      'X-Request-Id': headerText,
    },
    { requiredKeys: [] },
  );
  return fc.record({ path: pathArb, query: queryArb, headers: headersArb, body: bodyArbitrary(document, operation, ids) });
}
