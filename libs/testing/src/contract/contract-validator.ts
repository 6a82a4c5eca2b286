import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;
interface ResponseSpec {
  content?: Record<string, { schema?: Json }>;
  headers?: Record<string, Json>;
}
interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  /** Literal segments first: `/v1/queue/next` before `/v1/queue/{id}`. */
  literals: number;
  responses: Record<string, ResponseSpec>;
}

/** What a test received, as far as the contract is concerned. */
export interface ReceivedAnswer {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  text?: string;
}

/**
 * Checks answers against the OpenAPI document an app serves: the operation exists, the status is one it
 * declares, the content type is declared for that status, required headers are there and the body matches
 * its schema. Stricter than the document on one point: an answer object may not carry a property its schema
 * does not name, so the document cannot fall behind the code.
 */
export class ContractValidator {
  private readonly routes: Route[];
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly document: Json;

  constructor(document: Json) {
    const closed = closeComponentSchemas(structuredClone(document));
    this.document = closed;
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addSchema(closed, 'doc');
    this.routes = routesOf(closed);
  }

  /** Every way the answer departs from the document; empty when it conforms. */
  problems(answer: ReceivedAnswer): string[] {
    const path = new URL(answer.url, 'http://x').pathname;
    const route = this.routes.find((r) => r.method === answer.method.toLowerCase() && r.pattern.test(path));
    const where = `${answer.method} ${path} → ${answer.status}`;
    // A path the API does not have answers a plain 404 problem document.
    if (!route) return answer.status === 404 ? this.schemaProblems(where, 'doc#/components/schemas/Problem', answer.body) : [`${where}: no operation in the document`];
    const response = route.responses[String(answer.status)];
    if (!response) return [`${where}: status not declared for ${route.method.toUpperCase()} ${route.template} (declares ${Object.keys(route.responses).join(', ')})`];
    const found: string[] = [];
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      const spec = this.resolve(header) as { required?: boolean };
      if (spec.required && answer.headers[name.toLowerCase()] === undefined) found.push(`${where}: header ${name} missing`);
    }
    const contentType = String(answer.headers['content-type'] ?? '').split(';')[0].trim();
    const declared = Object.keys(response.content ?? {});
    const hasBody = answer.text !== undefined && answer.text !== '';
    if (!declared.length) {
      if (hasBody && answer.status !== 302) found.push(`${where}: a body where the document declares none`);
      return found;
    }
    if (!declared.includes(contentType)) return [...found, `${where}: content type ${contentType || '(none)'}, declared ${declared.join(', ')}`];
    const pointer = `doc#/paths/${escape(route.template)}/${route.method}/responses/${answer.status}/content/${escape(contentType)}/schema`;
    return [...found, ...this.schemaProblems(where, pointer, answer.body)];
  }

  private schemaProblems(where: string, pointer: string, body: unknown): string[] {
    const validate = this.validatorAt(pointer);
    if (validate(body)) return [];
    return (validate.errors ?? []).map((error) => {
      const value = JSON.stringify(valueAt(body, error.instancePath))?.slice(0, 200);
      return `${where}: body${error.instancePath} ${error.message} ${JSON.stringify(error.params)} (got ${value})`;
    });
  }

  private validatorAt(pointer: string): ValidateFunction {
    let validate = this.compiled.get(pointer);
    if (!validate) {
      validate = this.ajv.getSchema(pointer);
      if (!validate) throw new Error(`the document has no schema at ${pointer}`);
      this.compiled.set(pointer, validate);
    }
    return validate;
  }

  /** A `$ref` of the document (to a header, say), followed. */
  private resolve(node: Json): Json {
    const ref = node.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return node;
    return (valueAt(this.document, ref.slice(1)) as Json | undefined) ?? node;
  }
}

/** The value at a JSON pointer of an answer body (what the validator complains about). */
function valueAt(body: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], body);
}

const escape = (segment: string) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));

function routesOf(document: Json): Route[] {
  const routes: Route[] = [];
  for (const [template, item] of Object.entries(document.paths as Record<string, Record<string, { responses: Record<string, ResponseSpec> }>>)) {
    const segments = template.split('/');
    const pattern = new RegExp(`^${segments.map((s) => (s.startsWith('{') ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/')}/?$`);
    const literals = segments.filter((s) => s && !s.startsWith('{')).length;
    for (const [method, operation] of Object.entries(item)) {
      if (operation?.responses) routes.push({ method, template, pattern, literals, responses: operation.responses });
    }
  }
  return routes.sort((a, b) => b.literals - a.literals);
}

/** Component schemas with named properties take no others (see the class comment). */
function closeComponentSchemas(document: Json): Json {
  const schemas = ((document.components as Json | undefined)?.schemas ?? {}) as Record<string, Json>;
  for (const schema of Object.values(schemas)) {
    if (schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
  }
  return document;
}
