// The bare stack: Fastify + node-postgres, no Nest, no auth, no validation, no logging. One
// route replays, per request, the SQL that Contour ran for one `GET /procedure-plans/:id`
// (captured from the live process by sql-capture.ts): the auth guard's user read, BEGIN, the
// plan, requirements with items, consent, live quote, allocations, live case, the audit insert,
// COMMIT, with a fresh id for every id the captured INSERT generated.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { Pool, type PoolClient } from 'pg';

interface Captured {
  text: string;
  values: unknown[];
  rowMode?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const queries = JSON.parse(readFileSync(process.env.BENCH_SQL_FILE ?? '', 'utf8')) as Captured[];
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
});

// Ids that first appear in an INSERT were generated for it (the audit row's id, alone or in an
// array of ids for an INSERT … SELECT FROM unnest).
const known = new Set<string>();
const isNewId = (v: unknown) => typeof v === 'string' && UUID.test(v) && !known.has(v);
const plan = queries.map((q) => {
  const isInsert = /^\s*insert/i.test(q.text);
  const fresh = q.values.map(
    (v) => isInsert && (isNewId(v) || (Array.isArray(v) && v.length > 0 && v.every(isNewId))),
  );
  for (const v of q.values.flat()) if (typeof v === 'string') known.add(v);
  return { ...q, fresh };
});
const freshValue = (v: unknown) => (Array.isArray(v) ? v.map(() => randomUUID()) : randomUUID());
const inTransaction = (i: number) => plan.slice(0, i).some((q) => /^\s*begin/i.test(q.text));

async function replay(): Promise<unknown[]> {
  const rows: unknown[] = [];
  let client: PoolClient | undefined;
  try {
    for (const [i, q] of plan.entries()) {
      const values = q.values.map((v, j) => (q.fresh[j] ? freshValue(v) : v));
      const config = { text: q.text, values, ...(q.rowMode ? { rowMode: q.rowMode } : {}) };
      if (/^\s*begin/i.test(q.text)) client = await pool.connect();
      const result =
        client && (inTransaction(i) || /^\s*begin/i.test(q.text))
          ? await client.query(config)
          : await pool.query(config);
      rows.push(result.rows);
      if (/^\s*(commit|rollback)/i.test(q.text)) {
        client?.release();
        client = undefined;
      }
    }
  } finally {
    client?.release();
  }
  return rows;
}

const app = Fastify({ logger: false });
app.get('/plan', async () => ({ results: await replay() }));
app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
