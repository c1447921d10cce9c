import 'reflect-metadata';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { readOpenApiDocument } from './openapi-document';

/**
 * Writes the OpenAPI document to a file (`npm run lint:openapi` passes dist/openapi.json), for
 * tools that read a file: the Redocly and Spectral linters.
 */
async function main(): Promise<void> {
  const [path] = process.argv.slice(2);
  if (!path) throw new Error('usage: node dist/cli/openapi-json.js <file>');
  const out = resolve(path);
  await mkdir(dirname(out), { recursive: true });
  // Indented, so the linters' line numbers point somewhere readable.
  const document: unknown = JSON.parse(await readOpenApiDocument());
  await writeFile(out, `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`wrote ${out}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
