import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { ProblemFilter } from './problem.filter';
import { strictValidationPipe } from './validation';

export interface HttpAppOptions {
  title: string;
  description: string;
}

/** The conventions of API.md shared by both HTTP apps: problem documents, strict validation, OpenAPI. */
export function configureHttpApp(app: INestApplication, options: HttpAppOptions): INestApplication {
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ProblemFilter());
  app.useGlobalPipes(strictValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle(options.title).setDescription(options.description).setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
