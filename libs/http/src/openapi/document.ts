import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ApiInfo } from './api-info';
import { completeDocument } from './complete-document';

/** The OpenAPI 3.1 document of an HTTP app, as it serves it at /docs-json. */
export function buildOpenApiDocument(app: INestApplication, info: ApiInfo): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle(info.title)
    .setDescription(info.description)
    .setVersion('1')
    .setLicense('Proprietary', 'https://arbiter.dev/terms')
    .addServer('/', 'the service that serves this document')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .build();
  return completeDocument(SwaggerModule.createDocument(app, config));
}
