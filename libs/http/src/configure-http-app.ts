import { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { apiInfoOf } from './openapi/api-info';
import { buildOpenApiDocument } from './openapi/document';
import { ProblemFilter } from './problem.filter';
import { applySecurityHeaders } from './security-headers';
import { answerUnparsableRequests } from './unparsable-requests';
import { strictValidationPipe } from './validation';

/**
 * The conventions of API.md shared by both HTTP apps: problem documents, strict validation, and the OpenAPI
 * document at /docs-json (Swagger UI at /docs), described by the root module's @ApiDocument.
 */
export function configureHttpApp(app: INestApplication, rootModule: object): INestApplication {
  // First, so the headers are on every answer, the docs' included.
  applySecurityHeaders(app);
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(strictValidationPipe());
  app.enableShutdownHooks();
  answerUnparsableRequests(app.getHttpServer());
  const info = apiInfoOf(rootModule);
  if (info) SwaggerModule.setup('docs', app, buildOpenApiDocument(app, info), { jsonDocumentUrl: 'docs-json' });
  return app;
}
