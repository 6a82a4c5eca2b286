import type { OpenAPIObject, ParameterObject } from '@nestjs/swagger';
import { ErrorCode, STATUS_OF } from '../problem';
import { PROBLEM_CODES_EXTENSION } from './operation';

// Set by libs/auth's Public() and Roles() (libs/http cannot import them without a cycle in spirit: auth is below http).
const PUBLIC_EXTENSION = 'x-public';
const ROLES_EXTENSION = 'x-roles';

type Schema = Record<string, unknown>;
interface Operation {
  parameters?: Array<{ in?: string; name?: string; $ref?: string; schema?: Schema }>;
  requestBody?: { content?: Record<string, { schema?: Schema }>; required?: boolean };
  responses: Record<string, { description: string; headers?: Record<string, unknown>; content?: Record<string, unknown> }>;
  security?: unknown[];
  description?: string;
  [extension: `x-${string}`]: unknown;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * Completes the document Nest's scanner writes with API.md's conventions, in one place: the problem answers
 * of each operation (status and codes), security on every operation but the public ones, Idempotency-Key on
 * every POST and Idempotent-Replayed on its answers, Retry-After on 429, request bodies closed to unknown
 * fields (the API refuses them).
 */
export function completeDocument(scanned: OpenAPIObject): OpenAPIObject {
  const document = withApiNames(scanned);
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  document.components = {
    ...document.components,
    schemas: { ...schemas, Problem: PROBLEM_SCHEMA, FieldError: FIELD_ERROR_SCHEMA },
    parameters: { IdempotencyKey: IDEMPOTENCY_KEY_PARAMETER },
    headers: HEADERS,
  };
  const requestSchemas = new Set<string>();
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = path[method] as Operation | undefined;
      if (!operation) continue;
      completeOperation(method, operation);
      completeRequest(operation, schemas);
      collectRefs(operation.requestBody, schemas, requestSchemas);
    }
  }
  // The API answers 400 to any field a request schema does not name.
  for (const name of requestSchemas) schemas[name].additionalProperties = false;
  return document;
}

function completeOperation(method: (typeof METHODS)[number], operation: Operation): void {
  const isPublic = operation[PUBLIC_EXTENSION] === true;
  const roles = operation[ROLES_EXTENSION] as string[] | undefined;
  const codes = new Set<ErrorCode>((operation[PROBLEM_CODES_EXTENSION] as ErrorCode[] | undefined) ?? []);
  delete operation[PUBLIC_EXTENSION];
  delete operation[ROLES_EXTENSION];
  delete operation[PROBLEM_CODES_EXTENSION];

  operation.security = isPublic ? [] : [{ bearer: [] }];
  if (roles) operation.description = [operation.description, `Who may call: ${roles.join(', ')}.`].filter(Boolean).join('\n\n');
  // Any request may carry a body, and a malformed one is refused before routing.
  codes.add('validation_failed');
  if (operation.parameters?.some((p) => p.in === 'path')) codes.add('not_found');
  if (!isPublic) codes.add('unauthenticated').add('rate_limited');
  if (roles) codes.add('forbidden');
  if (method === 'post') {
    codes.add('idempotency_in_progress').add('idempotency_key_reused');
    operation.parameters = [...(operation.parameters ?? []), { $ref: '#/components/parameters/IdempotencyKey' }];
    for (const [status, response] of Object.entries(operation.responses)) {
      if (status.startsWith('2')) response.headers = { ...response.headers, 'Idempotent-Replayed': { $ref: '#/components/headers/IdempotentReplayed' } };
    }
  }
  codes.add('internal_error');

  delete operation.responses.default;
  for (const [status, group] of groupByStatus(codes)) {
    operation.responses[status] = {
      description: `A problem document; \`code\` is ${group.map((c) => `\`${c}\``).join(' or ')}`,
      ...(status === '429' && { headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } }),
      content: {
        'application/problem+json': {
          schema: { allOf: [{ $ref: '#/components/schemas/Problem' }, { type: 'object', properties: { code: { type: 'string', enum: group } } }] },
        },
      },
    };
  }
}

/** Path ids are UUIDs (IdParam refuses anything else); a body whose fields are all optional may be left out. */
function completeRequest(operation: Operation, schemas: Record<string, Schema>): void {
  for (const parameter of operation.parameters ?? []) {
    if (parameter.in === 'path') parameter.schema = { type: 'string', format: 'uuid' };
  }
  const body = operation.requestBody?.content?.['application/json']?.schema;
  const ref = typeof body?.$ref === 'string' ? body.$ref.slice('#/components/schemas/'.length) : undefined;
  if (ref && !(schemas[ref]?.required as unknown[] | undefined)?.length) operation.requestBody!.required = false;
}

function groupByStatus(codes: Set<ErrorCode>): Array<[string, ErrorCode[]]> {
  const groups = new Map<string, ErrorCode[]>();
  for (const code of codes) {
    const status = String(STATUS_OF[code]);
    groups.set(status, [...(groups.get(status) ?? []), code]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/**
 * Schemas carry the names of API.md, which generated clients use as type names: an answer class `CaseView`
 * is `Case`, a request class `OpenCaseDto` is `OpenCaseRequest` (@ApiSchema names the exceptions: Money).
 */
function withApiNames(document: OpenAPIObject): OpenAPIObject {
  const apiName = (name: string) => name.replace(/View$/, '').replace(/Dto$/, 'Request');
  const text = JSON.stringify(document).replace(/"#\/components\/schemas\/([A-Za-z0-9_]+)"/g, (_, name: string) => `"#/components/schemas/${apiName(name)}"`);
  const renamed = JSON.parse(text) as OpenAPIObject;
  const schemas = renamed.components?.schemas ?? {};
  renamed.components = { ...renamed.components, schemas: Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [apiName(name), schema])) };
  return renamed;
}

/** Names of the component schemas a request body refers to, transitively. */
function collectRefs(node: unknown, schemas: Record<string, Schema>, found: Set<string>): void {
  if (Array.isArray(node)) return node.forEach((item) => collectRefs(item, schemas, found));
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
      const name = value.slice('#/components/schemas/'.length);
      if (!found.has(name) && schemas[name]) {
        found.add(name);
        collectRefs(schemas[name], schemas, found);
      }
    } else {
      collectRefs(value, schemas, found);
    }
  }
}

const FIELD_ERROR_SCHEMA: Schema = {
  type: 'object',
  required: ['field', 'message'],
  properties: {
    field: { type: 'string', description: 'dotted path of the field (`claim.amount`), a query parameter or a header' },
    message: { type: 'string' },
  },
};

const PROBLEM_SCHEMA: Schema = {
  type: 'object',
  description: 'RFC 9457 problem document (API.md "Conventions")',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', enum: Object.keys(STATUS_OF) },
    errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' } },
    errorId: { type: 'string', description: 'only on 500: quote it when reporting the error' },
  },
};

const IDEMPOTENCY_KEY_PARAMETER: ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Scoped to the caller. The same key with the same request replays the first answer (header Idempotent-Replayed: true); ' +
    'with another request: 422 idempotency_key_reused; while the first still runs: 409 idempotency_in_progress. Kept at least 24 hours.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

const HEADERS = {
  IdempotentReplayed: {
    description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  },
  RetryAfter: { description: 'seconds to wait before trying again', required: true, schema: { type: 'integer', minimum: 0 } },
};
