import type { TestApp } from './test-app';

/**
 * The text of an uncompressed pdfkit PDF (`compress: false`): pdfkit shows text with the standard
 * fonts as hex strings in `TJ` arrays, split where it kerns (`[<5131> 20 <2d32303236> 0] TJ`);
 * each array joined is one printed line.
 */
export function pdfText(pdf: Buffer): string {
  return [...pdf.toString('latin1').matchAll(/\[([^\]]*)\]\s*TJ/g)]
    .map((m) =>
      [...(m[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)]
        .map((h) => Buffer.from(h[1] ?? '', 'hex').toString('latin1'))
        .join(''),
    )
    .join('\n');
}

/** A PDF's raw bytes: the API helper decodes bodies as text, which would mangle them. */
export async function downloadPdf(t: TestApp, token: string, url: string) {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload, text: res.body };
}
