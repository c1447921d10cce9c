import { describe, expect, it } from 'vitest';
import { fileNameOf } from './client';

describe('fileNameOf', () => {
  it("reads the file name of a download from the server's Content-Disposition", () => {
    expect(fileNameOf('attachment; filename="ar-aging-bills-2026-10-01-to-2026-12-04.csv"')).toBe(
      'ar-aging-bills-2026-10-01-to-2026-12-04.csv',
    );
    expect(fileNameOf('attachment; filename=report.csv')).toBe('report.csv');
    expect(fileNameOf("attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.csv")).toBe('résumé.csv');
  });

  it('gives nothing when the server names no file', () => {
    expect(fileNameOf(null)).toBeUndefined();
    expect(fileNameOf('inline')).toBeUndefined();
  });
});
