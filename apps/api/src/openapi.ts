import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@salur/libs/config/repo-root';

/** Read at run time: importing package.json would copy it into dist/ and move the repo root. */
function packageVersion(): string {
  const { version } = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as {
    version: string;
  };
  return version;
}

/** The OpenAPI document, generated from the controllers' routes and decorators. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Salur API')
    .setDescription(
      "Kota Semarang's JPS food-parcel SOP as durable workflows: each step is a transition " +
        'taken by its own role. Errors carry a stable `code`.',
    )
    .setVersion(packageVersion())
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Swagger UI at /docs and the JSON document at /docs-json. */
export function setUpOpenApi(app: INestApplication): OpenAPIObject {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return document;
}
