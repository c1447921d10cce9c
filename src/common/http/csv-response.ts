import { applyDecorators, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';

/** One CSV column: the row's key and its header; `text` marks what someone typed. */
export interface CsvColumnSpec {
  key: string;
  header: string;
  text?: boolean;
}

/** A cell a spreadsheet would read as a formula (=, +, -, @, tab, CR at the start). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Rows as CSV (RFC 4180: a header row, fields quoted when they must be, CRLF between records),
 * UTF-8 with a byte-order mark so that spreadsheets read accents right. A typed text that starts
 * like a formula gets a leading apostrophe (docs/security.md "CSV exports"); numbers and amounts
 * are written as they are.
 */
export function toCsv(
  columns: readonly CsvColumnSpec[],
  rows: readonly Record<string, unknown>[],
): string {
  return stringify(
    rows.map((row) =>
      columns.map(({ key, text }) => {
        const value = row[key];
        if (value === null || value === undefined) return '';
        if (Array.isArray(value)) return value.join(' ');
        if (text && typeof value === 'string' && FORMULA_START.test(value)) return `'${value}`;
        return value;
      }),
    ),
    {
      header: true,
      columns: columns.map((c) => c.header),
      record_delimiter: 'windows',
      // RFC 4180 quotes a field holding a line break; csv-stringify alone misses a lone CR.
      quoted_match: /\r/,
      bom: true,
      cast: { boolean: (b) => (b ? 'true' : 'false') },
    },
  );
}

/** A CSV body, as a download under its file name (headers on `reply`; the text is returned). */
export function sendCsv(reply: FastifyReply, fileName: string, csv: string): string {
  void reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName}"`);
  return csv;
}

/**
 * The OpenAPI of a route that answers JSON (`type`) or, with `format=csv`, text/csv. Such a
 * route has no @ZodResponse: the CSV body is text, which the zod serializer would refuse.
 */
export function ApiJsonOrCsvResponse(type: Type, description: string): MethodDecorator {
  return applyDecorators(
    ApiProduces('application/json', 'text/csv'),
    ApiOkResponse({ type, description }),
  );
}
