// Preloaded into the Contour process (`node -r dist/bench/sql-capture.js dist/main.js`) so the
// bench can record the exact SQL one request runs, for the bare baseline to replay. SIGUSR2
// starts recording; the next SIGUSR2 writes what was recorded to BENCH_SQL_CAPTURE_FILE.
import { writeFileSync } from 'node:fs';
import { Client } from 'pg';

interface Captured {
  text: string;
  values: unknown[];
  rowMode?: string;
}

const file = process.env.BENCH_SQL_CAPTURE_FILE;
let recording: Captured[] | undefined;

if (file) {
  const original: unknown = Object.getOwnPropertyDescriptor(Client.prototype, 'query')?.value;
  const patched = function (this: Client, ...args: unknown[]) {
    if (recording) recording.push(toCaptured(args[0], args[1]));
    return Reflect.apply(original as (...a: unknown[]) => unknown, this, args);
  };
  Object.defineProperty(Client.prototype, 'query', { value: patched, writable: true });
  process.on('SIGUSR2', () => {
    if (recording === undefined) {
      recording = [];
      return;
    }
    writeFileSync(file, JSON.stringify(recording, null, 2));
    recording = undefined;
  });
}

function toCaptured(first: unknown, second: unknown): Captured {
  if (typeof first === 'string')
    return { text: first, values: Array.isArray(second) ? second : [] };
  const config = (first ?? {}) as { text?: string; values?: unknown[]; rowMode?: string };
  return {
    text: config.text ?? '',
    values: config.values ?? (Array.isArray(second) ? second : []),
    ...(config.rowMode ? { rowMode: config.rowMode } : {}),
  };
}
