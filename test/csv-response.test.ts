import { describe, expect, it } from 'vitest';
import { toCsv } from '../src/common/http/csv-response';

const BOM = '\uFEFF';

describe('toCsv (docs/reports.md "CSV")', () => {
  const columns = [
    { key: 'name', header: 'Name', text: true },
    { key: 'amount', header: 'Amount' },
    { key: 'late', header: 'Late' },
    { key: 'serials', header: 'Serial numbers' },
  ];

  it('writes a BOM, a header row and CRLF-separated records, quoting only where RFC 4180 must', () => {
    const csv = toCsv(columns, [
      { name: 'Zoë Núñez', amount: '1200.50', late: false, serials: ['SN-1', 'SN-2'] },
      { name: 'Smith, "Jr"\nsecond line', amount: '-12.00', late: true, serials: [] },
      { name: null, amount: undefined, late: null, serials: null },
    ]);
    expect(csv).toBe(
      `${BOM}Name,Amount,Late,Serial numbers\r\n` +
        'Zoë Núñez,1200.50,false,SN-1 SN-2\r\n' +
        '"Smith, ""Jr""\nsecond line",-12.00,true,\r\n' +
        ',,,\r\n',
    );
  });

  it('guards typed text that a spreadsheet would run as a formula, and only typed text', () => {
    const typed = ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx'];
    const csv = toCsv(
      columns,
      typed.map((name) => ({ name, amount: '-5.00', late: false, serials: [] })),
    );
    const lines = csv.slice(BOM.length).split('\r\n').slice(1, -1);
    expect(lines.map((l) => l.slice(0, l.lastIndexOf(',-5.00')))).toEqual([
      `"'=HYPERLINK(""http://x"")"`,
      "'+1",
      "'-2+3",
      "'@SUM(A1)",
      "'\tx",
      `"'\rx"`,
    ]);
    // The amount, not typed, keeps its minus sign.
    expect(lines.every((l) => l.endsWith(',-5.00,false,'))).toBe(true);
  });

  it('writes the header row alone when there are no rows', () => {
    expect(toCsv(columns, [])).toBe(`${BOM}Name,Amount,Late,Serial numbers\r\n`);
  });
});
