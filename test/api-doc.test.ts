import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_TITLES } from '../src/common/errors/problem-code';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * docs/api.md is the contract external tools read; the OpenAPI document is what the server
 * serves. This keeps them from drifting: the convention is stated at the top of docs/api.md (each
 * operation starts a bullet with `` `METHOD /path` ``; the "Planned" section is not served yet).
 */
const API_DOC = join(__dirname, '..', 'docs', 'api.md');
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
const OPERATION_BULLET =
  /^\s*[-*]\s+`(GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS) (\/[^`\s?]*)(?:\?[^`]*)?`/;
const ERROR_ROW = /^\|\s*(\d{3})\s*\|\s*`([A-Z][A-Z0-9_]*)`\s*\|/;

interface Section {
  heading: string;
  lines: string[];
}

/** The page cut at its `## ` headings; what precedes the first one is the section ''. */
function sectionsOf(markdown: string): Section[] {
  const sections: Section[] = [{ heading: '', lines: [] }];
  for (const line of markdown.split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    if (heading?.[1]) sections.push({ heading: heading[1].trim(), lines: [] });
    else sections.at(-1)?.lines.push(line);
  }
  return sections;
}

/** `GET /procedure-plans/:id` → `GET /api/v1/procedure-plans/{id}`; `/health/*` stays outside the prefix. */
function toDocumentKey(method: string, path: string): string {
  const full = path.startsWith('/health/') ? path : `/api/v1${path}`;
  return `${method} ${full.replace(/:(\w+)/g, '{$1}')}`;
}

function documentedOperations(sections: Section[]): string[] {
  return sections
    .filter((s) => !s.heading.startsWith('Planned'))
    .flatMap((s) => s.lines)
    .map((line) => OPERATION_BULLET.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => toDocumentKey(m[1] ?? '', m[2] ?? ''));
}

function servedOperations(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/api/v1/') || path.startsWith('/health/'))
    .flatMap(([path, item]) =>
      HTTP_METHODS.filter((m) => item[m] !== undefined).map((m) => `${m.toUpperCase()} ${path}`),
    );
}

function duplicates(values: string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

let t: TestApp;
let served: string[];
let sections: Section[];

beforeAll(async () => {
  t = await startTestApp();
  const res = await t.api.get('/api/openapi.json');
  expect(res.status).toBe(200);
  served = servedOperations(res.body);
  sections = sectionsOf(readFileSync(API_DOC, 'utf8'));
});
afterAll(() => t.close());

describe('docs/api.md against the OpenAPI document', () => {
  it('reads the operations of both', () => {
    // Guards the parsers: a changed convention must not make both lists empty and the test pass.
    expect(served.length).toBeGreaterThan(50);
    expect(documentedOperations(sections).length).toBeGreaterThan(50);
  });

  it('documents every operation the server serves', () => {
    const documented = new Set(documentedOperations(sections));
    const undocumented = served.filter((op) => !documented.has(op));
    expect(undocumented, 'served but not in docs/api.md').toEqual([]);
  });

  it('names no operation the server does not serve (outside "Planned")', () => {
    const servedSet = new Set(served);
    const notServed = documentedOperations(sections).filter((op) => !servedSet.has(op));
    expect(notServed, 'in docs/api.md but not served').toEqual([]);
  });

  it('documents each operation once', () => {
    expect(duplicates(documentedOperations(sections)), 'documented twice').toEqual([]);
  });

  it('lists exactly the service’s error codes in its error table', () => {
    const errors = sections.find((s) => s.heading === 'Errors');
    expect(errors, 'docs/api.md has an "Errors" section').toBeDefined();
    const rows = (errors?.lines ?? [])
      .map((line) => ERROR_ROW.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => m[2] ?? '');
    expect(duplicates(rows), 'codes listed twice').toEqual([]);
    expect([...rows].sort()).toEqual(Object.keys(PROBLEM_TITLES).sort());
  });
});
