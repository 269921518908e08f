import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '@salur/apps/api/src/app.module';
import { buildOpenApiDocument } from '@salur/apps/api/src/openapi';
import { useThrowawayJwtSecret } from '@salur/libs/config/tool-config';

const USAGE = `Usage: npm run openapi:export [-- <file>]   (default dist/openapi.json)

Writes the API's OpenAPI document. Boots the API without listening; PostgreSQL must
answer at DATABASE_URL, Temporal need not run (its client connects on first use).`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.length > 1) {
    process.stdout.write(`${USAGE}\n`);
    process.exitCode = args.includes('--help') ? 0 : 2;
    return;
  }
  const target = resolve(args[0] ?? 'dist/openapi.json');
  // The API does not boot without a signing secret; the document depends on none and no
  // token is signed here, so a throwaway one does.
  useThrowawayJwtSecret();
  const app = await NestFactory.create(AppModule, { logger: ['error'] });
  try {
    await app.init();
    const document = buildOpenApiDocument(app);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
    process.stdout.write(
      `OpenAPI ${document.openapi}, ${Object.keys(document.paths).length} paths → ${target}\n`,
    );
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `OpenAPI export failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
