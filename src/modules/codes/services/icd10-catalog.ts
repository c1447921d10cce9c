import { accessSync, constants, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { FieldError } from '../../../common/errors/problem-code';
import { NotFound, ValidationFailed } from '../../../common/errors/domain-error';
import type { Page, PageRequest } from '../../../common/http/pagination';
import { invariant } from '../../../common/invariant';
import { ICD10_CODE_MESSAGE, normalizeIcd10Code } from './icd10-code';
import { lowerBound, WordIndex, wordsOf } from './word-index';

/** The official FY2026 code set travels with the project (resources/icd10cm/README.md); src/ and dist/ sit at the same depth. */
export const ICD10_CM_FILE = resolve(__dirname, '../../../../resources/icd10cm/icd10cm.tsv');

const TSV_HEADER = 'code\tbillable\tdescription';
/** How many of the billable codes under a header its error names (docs/design.md §5). */
const CHILDREN_NAMED = 5;
/** A search that may be (the start of) a code: `c`, `C50`, `C50.9`, `C509`, `c50.` */
const CODE_PREFIX = /^[A-Z](?:[0-9A-Z]{0,2}|[0-9A-Z]{2}\.?[0-9A-Z]{0,4})$/;

export interface Icd10Entry {
  code: string;
  description: string;
  /** False for a category or subcategory header, which needs more characters to be used on a claim. */
  billable: boolean;
}

export interface Icd10Search {
  search?: string | undefined;
  billableOnly: boolean;
}

/**
 * The ICD-10-CM code set, read into memory once, on first use (docs/performance.md, "Start"):
 * building it takes a few hundred milliseconds that a start does not need to wait for. `main.ts`
 * warms it just after the server listens, so the first user rarely pays for it.
 */
export class Icd10Catalog {
  private codeSet: Icd10CodeSet | undefined;

  constructor(
    private readonly read: () => string,
    private readonly onLoad: (loaded: { codes: number; ms: number }) => void = () => {},
  ) {}

  static fromFile(
    path: string = ICD10_CM_FILE,
    onLoad?: (loaded: { codes: number; ms: number }) => void,
  ): Icd10Catalog {
    accessSync(path, constants.R_OK); // a start without the code set fails now, not at first use
    return new Icd10Catalog(() => readFileSync(path, 'utf8'), onLoad);
  }

  /** Reads the code set now, if it has not been read yet. */
  warm(): void {
    this.loaded();
  }

  get size(): number {
    return this.loaded().size;
  }

  /** The entry for a code in any case, with or without its dot; undefined when malformed or unknown. */
  lookup(code: string): Icd10Entry | undefined {
    return this.loaded().lookup(code);
  }

  /** The entry for a code, or 404. */
  entryFor(code: string): Icd10Entry {
    const entry = this.lookup(code);
    if (!entry) throw new NotFound('ICD-10-CM code', code);
    return entry;
  }

  /** See Icd10CodeSet.validateDiagnosisCodes. */
  validateDiagnosisCodes(codes: readonly string[], field: string): FieldError[] {
    return this.loaded().validateDiagnosisCodes(codes, field);
  }

  /** See Icd10CodeSet.search. */
  search(query: Icd10Search, page: PageRequest): Page<Icd10Entry> {
    return this.loaded().search(query, page);
  }

  private loaded(): Icd10CodeSet {
    if (!this.codeSet) {
      const started = performance.now();
      this.codeSet = new Icd10CodeSet(this.read());
      this.onLoad({ codes: this.codeSet.size, ms: Math.round(performance.now() - started) });
    }
    return this.codeSet;
  }
}

/**
 * The code set in memory: lookups are a Map, searches use a word index and a sorted code list,
 * and nothing asks the database. Rows are numbered in the file's tabular order.
 */
class Icd10CodeSet {
  private readonly codes: string[] = [];
  private readonly descriptions: string[] = [];
  private readonly billable: Uint8Array;
  private readonly rowByCode = new Map<string, number>();
  /** Codes in code order with their row numbers: a code prefix is one contiguous range here. */
  private readonly sortedCodes: string[];
  private readonly sortedRows: Int32Array;
  private readonly words: WordIndex;

  /** `tsv`: the file's text, as resources/icd10cm/README.md describes it. */
  constructor(tsv: string) {
    const lines = tsv.split('\n');
    invariant(lines[0] === TSV_HEADER, `the code set starts with the line "${TSV_HEADER}"`);
    const billable: number[] = [];
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i];
      if (!line) continue;
      const [code = '', flag, description = ''] = line.split('\t');
      invariant(
        normalizeIcd10Code(code) === code && (flag === '0' || flag === '1'),
        `line ${i + 1} of the code set is a code, 0 or 1, and a description`,
      );
      invariant(!this.rowByCode.has(code), `code ${code} appears once in the code set`);
      this.rowByCode.set(code, this.codes.length);
      this.codes.push(code);
      this.descriptions.push(description);
      billable.push(flag === '1' ? 1 : 0);
    }
    this.billable = Uint8Array.from(billable);
    this.sortedCodes = [...this.codes].sort();
    this.sortedRows = Int32Array.from(this.sortedCodes, (code) => this.rowByCode.get(code) ?? -1);
    this.words = new WordIndex(this.descriptions);
  }

  get size(): number {
    return this.codes.length;
  }

  lookup(code: string): Icd10Entry | undefined {
    const normalized = normalizeIcd10Code(code);
    const row = normalized === undefined ? undefined : this.rowByCode.get(normalized);
    return row === undefined ? undefined : this.entry(row);
  }

  /**
   * What is wrong with a plan's diagnosis codes, one error per bad code, path `field[i]`:
   * malformed, unknown to the code set, or a header that is not billable (naming billable
   * codes under it). Codes are read as `normalizeIcd10Code` reads them.
   */
  validateDiagnosisCodes(codes: readonly string[], field: string): FieldError[] {
    const errors: FieldError[] = [];
    codes.forEach((given, i) => {
      const path = `${field}[${i}]`;
      const code = normalizeIcd10Code(given);
      if (code === undefined) {
        errors.push({ path, message: ICD10_CODE_MESSAGE });
        return;
      }
      const row = this.rowByCode.get(code);
      if (row === undefined) {
        errors.push({ path, message: `${code} is not in the ICD-10-CM FY2026 code set` });
      } else if (this.billable[row] !== 1) {
        errors.push({ path, message: this.headerMessage(code) });
      }
    });
    return errors;
  }

  /**
   * Codes for a search, best first: the code itself, then codes beginning with it (in code
   * order), then codes whose description has every word of the search (each word may be the
   * start of a description word; tabular order). Without a search: every code, tabular order.
   *
   * The cursor is an offset into that ranked list, opaque to clients like every cursor. An
   * offset is safe here, unlike for a table: the list is fixed for the life of the process
   * (the code set changes once a year, with a release), so no row can move between pages.
   */
  search(query: Icd10Search, page: PageRequest): Page<Icd10Entry> {
    const offset = page.cursor === undefined ? 0 : decodeOffset(page.cursor);
    const rows: number[] = [];
    let position = 0;
    for (const row of this.matches(query)) {
      if (position++ < offset) continue;
      rows.push(row);
      if (rows.length > page.limit) break;
    }
    const hasMore = rows.length > page.limit;
    return {
      data: rows.slice(0, page.limit).map((row) => this.entry(row)),
      nextCursor: hasMore ? encodeOffset(offset + page.limit) : null,
    };
  }

  private *matches({ search, billableOnly }: Icd10Search): Generator<number> {
    const wanted = (row: number): boolean => !billableOnly || this.billable[row] === 1;
    const text = search?.trim() ?? '';
    if (text === '') {
      for (let row = 0; row < this.codes.length; row++) if (wanted(row)) yield row;
      return;
    }
    const byCode = new Set<number>();
    const prefix = codePrefixOf(text);
    // A code sorts before every code that extends it, so the exact code comes first.
    if (prefix !== undefined) {
      for (const row of this.rowsWithCodePrefix(prefix)) {
        byCode.add(row);
        if (wanted(row)) yield row;
      }
    }
    for (const row of this.words.rowsMatchingAll(wordsOf(text))) {
      if (!byCode.has(row) && wanted(row)) yield row;
    }
  }

  private *rowsWithCodePrefix(prefix: string): Generator<number> {
    for (let i = lowerBound(this.sortedCodes, prefix); i < this.sortedCodes.length; i++) {
      if (!this.sortedCodes[i]?.startsWith(prefix)) return;
      const row = this.sortedRows[i];
      if (row !== undefined) yield row;
    }
  }

  /** `C50 is a category header, not billable: use a more specific code such as C50.011, …` */
  private headerMessage(code: string): string {
    const kind = code.length === 3 ? 'category' : 'subcategory';
    const children = this.billableCodesUnder(code);
    const named = children.slice(0, CHILDREN_NAMED).join(', ');
    const more = children.length > CHILDREN_NAMED ? ', …' : '';
    return `${code} is a ${kind} header, not billable: use a more specific code such as ${named}${more}`;
  }

  /** Billable codes under a header, in tabular order: the order a coder reads them in the code book. */
  private billableCodesUnder(header: string): string[] {
    const prefix = header.length === 3 ? `${header}.` : header;
    const rows = [...this.rowsWithCodePrefix(prefix)].filter((row) => this.billable[row] === 1);
    return rows.sort((a, b) => a - b).flatMap((row) => this.codes[row] ?? []);
  }

  private entry(row: number): Icd10Entry {
    const code = this.codes[row];
    const description = this.descriptions[row];
    invariant(code !== undefined && description !== undefined, 'rows come from this catalog');
    return { code, description, billable: this.billable[row] === 1 };
  }
}

function codePrefixOf(search: string): string | undefined {
  const upper = search.toUpperCase();
  if (!CODE_PREFIX.test(upper)) return undefined;
  return upper.length > 3 && upper[3] !== '.' ? `${upper.slice(0, 3)}.${upper.slice(3)}` : upper;
}

const OffsetCursor = z.object({ offset: z.number().int().min(0) });

function encodeOffset(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64url');
}

function decodeOffset(cursor: string): number {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    json = undefined;
  }
  const parsed = OffsetCursor.safeParse(json);
  if (!parsed.success) throw ValidationFailed.field('cursor', 'Not a cursor this list returned');
  return parsed.data.offset;
}
