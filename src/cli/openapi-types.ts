import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readOpenApiDocument } from './openapi-document';
import { webApiTypes } from './web-api-types';

const OUT = resolve(__dirname, '../../web/src/api/schema.d.ts');

/** Writes the web app's API types from the OpenAPI document the server builds. */
async function main(): Promise<void> {
  await writeFile(OUT, await webApiTypes(await readOpenApiDocument()));
  process.stdout.write(`wrote ${OUT}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
