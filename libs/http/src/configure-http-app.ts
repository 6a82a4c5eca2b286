import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { STATUS_OF } from './problem';
import { ProblemFilter } from './problem.filter';
import { applySecurityHeaders } from './security-headers';
import { strictValidationPipe } from './validation';

export interface HttpAppOptions {
  title: string;
  description: string;
}

/** The conventions of API.md shared by both HTTP apps: problem documents, strict validation, OpenAPI. */
export function configureHttpApp(app: INestApplication, options: HttpAppOptions): INestApplication {
  // First, so the headers are on every answer, the docs' included.
  applySecurityHeaders(app);
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(strictValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(options.title).setDescription(options.description).setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, withProblemResponses(document), { jsonDocumentUrl: 'docs-json' });
  return app;
}

/** Every operation may answer an RFC 9457 problem document (API.md "Conventions"); the document says so once. */
function withProblemResponses(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, Problem: PROBLEM_SCHEMA } };
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path) as Array<{ responses?: Record<string, unknown> }>) {
      if (!operation?.responses) continue;
      operation.responses.default = {
        description: 'A refusal or error: an RFC 9457 problem document whose `code` is one of API.md',
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      };
    }
  }
  return document;
}

const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', enum: Object.keys(STATUS_OF) },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
    errorId: { type: 'string', description: 'only on 500: quote it when reporting the error' },
  },
};
