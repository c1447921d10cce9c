import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Role } from '../src/common/auth/caller';
import { TransactionRunner } from '../src/common/database/transaction-runner';
import { zonedDate } from '../src/common/time-zone';
import { Given, type AcceptedQuote, type ClinicWithStaff } from './support/given';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let given: Given;
let clinic: ClinicWithStaff;
let other: ClinicWithStaff;
let accepted: AcceptedQuote;

beforeAll(async () => {
  t = await startTestApp();
  given = new Given(t);
  [clinic, other] = await Promise.all([
    given.clinicWithStaff('Quote PDF Clinic'),
    given.clinicWithStaff('Other Quote PDF Clinic'),
  ]);
  accepted = await given.acceptedQuote(clinic, {
    patient: { firstName: 'Mary', lastName: 'Shelley', mrn: 'PDF-0001' },
  });
});
afterAll(() => t.close());

async function clinicZone(): Promise<string> {
  return (await clinic.as('ADMIN').get('/clinic')).body.timeZone;
}

/** The PDF's raw bytes: the test API helper decodes bodies as text, which would mangle them. */
async function downloadPdf(c: ClinicWithStaff, role: Role, quoteId: string) {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/quotes/${quoteId}/pdf`,
    headers: { authorization: `Bearer ${c.staff[role].token}` },
  });
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload };
}

/**
 * The text a reader sees. The service writes uncompressed streams (`compress: false`), and
 * pdfkit shows text with the standard fonts as hex strings in `TJ` arrays, split where it kerns:
 * `[<5131> 20 <2d32303236> 0] TJ`. Joining each array's hex pieces gives one line of text.
 */
function textOf(pdf: Buffer): string {
  const lines = [...pdf.toString('latin1').matchAll(/\[([^\]]*)\]\s*TJ/g)].map((m) =>
    [...(m[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)]
      .map((h) => Buffer.from(h[1] ?? '', 'hex').toString('latin1'))
      .join(''),
  );
  return lines.join('\n');
}

describe('GET /quotes/:id/pdf', () => {
  it('renders the quote as a PDF with clinic, patient, plan, lines, portions and validity', async () => {
    const { quote, plan } = accepted;

    const res = await downloadPdf(clinic, 'BILLING', quote.id);

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`inline; filename="${quote.quoteNumber}.pdf"`);
    expect(res.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(res.bytes.subarray(-6).toString('latin1')).toMatch(/%%EOF/);
    const text = textOf(res.bytes);
    for (const expected of [
      'Quote PDF Clinic',
      quote.quoteNumber,
      'Mary Shelley',
      'PDF-0001',
      plan.planNumber,
      'Breast Augmentation',
      zonedDate(new Date(quote.issuedAt), await clinicZone()),
      zonedDate(new Date(quote.validUntil), await clinicZone()),
      '19325',
      'breast-implant-300cc-round',
      '7,000.00',
      '400.00',
      '800.00',
      '200.00',
      'Patient portion',
      'Insurance portion',
      '8,000.00',
    ])
      // A long cell wraps onto several lines; each cell's lines come out one after another.
      expect(text.replaceAll('\n', '')).toContain(expected);
    expect(quote.lines.map((l: { kind: string }) => l.kind).sort()).toEqual([
      'FACILITY',
      'PROCEDURE',
      'SUPPLY',
    ]);
  });

  it("prints its dates on the clinic's calendar, not UTC's", async () => {
    const { quote } = accepted;
    const issued = new Date(quote.issuedAt);
    // A zone where the quote's day is another day than in UTC, whatever the hour the test runs.
    const timeZone = issued.getUTCHours() >= 10 ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';
    expect(zonedDate(issued, timeZone)).not.toBe(quote.issuedAt.slice(0, 10));
    expect((await clinic.as('ADMIN').patch('/clinic', { timeZone })).status).toBe(200);

    const text = textOf((await downloadPdf(clinic, 'BILLING', quote.id)).bytes);

    expect(text).toContain(zonedDate(issued, timeZone));
    expect(text).toContain(zonedDate(new Date(quote.validUntil), timeZone));
    expect(text).not.toContain(quote.issuedAt.slice(0, 10));
  });

  it('records the read in the audit trail', async () => {
    const before = await pdfReads(accepted.quote.id);
    await downloadPdf(clinic, 'COORDINATOR', accepted.quote.id);
    expect(await pdfReads(accepted.quote.id)).toBe(before + 1);
  });

  it('lets BILLING, COORDINATOR, SURGEON and ADMIN download it and refuses NURSE', async () => {
    for (const role of ['BILLING', 'COORDINATOR', 'SURGEON', 'ADMIN'] as const)
      expect((await downloadPdf(clinic, role, accepted.quote.id)).status, role).toBe(200);
    const nurse = await downloadPdf(clinic, 'NURSE', accepted.quote.id);
    expect(nurse.status).toBe(403);
    expect(nurse.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it("answers 404 for another clinic's quote and for an unknown one, as problem+json", async () => {
    const foreign = await downloadPdf(other, 'BILLING', accepted.quote.id);
    expect(foreign.status).toBe(404);
    expect(foreign.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.parse(foreign.bytes.toString('utf8')).code).toBe('NOT_FOUND');
    expect((await downloadPdf(clinic, 'BILLING', randomUUID())).status).toBe(404);
    expect((await downloadPdf(clinic, 'BILLING', 'not-a-uuid')).status).toBe(400);
  });

  it('is documented in OpenAPI as an application/pdf response', async () => {
    const doc = (await t.api.get('/api/openapi.json')).body;
    const op = doc.paths['/api/v1/quotes/{id}/pdf'].get;
    expect(Object.keys(op.responses['200'].content)).toEqual(['application/pdf']);
  });
});

async function pdfReads(quoteId: string): Promise<number> {
  const result = await t.app.get(TransactionRunner).db.execute(sql`
    SELECT count(*)::int AS n FROM audit_events
    WHERE entity_type = 'Quote' AND entity_id = ${quoteId} AND action = 'quote.read-pdf'`);
  return z.object({ rows: z.tuple([z.object({ n: z.number() })]) }).parse(result).rows[0].n;
}
