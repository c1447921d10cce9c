import { fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { UdiScanner } from './UdiScanner';

const LABEL_A = '(01)00884521112349(17)270630(10)LOT123(21)SN0001';
const LABEL_B = '(01)00884521112349(17)270630(10)LOT123(21)SN0002';

function Harness() {
  const [codes, setCodes] = useState<string[]>([]);
  return <UdiScanner codes={codes} onChange={setCodes} />;
}

/** What a barcode scanner does: types the label into the focused field, then presses Enter. */
function scan(field: HTMLElement, code: string) {
  fireEvent.change(field, { target: { value: code } });
  fireEvent.keyDown(field, { key: 'Enter', code: 'Enter' });
}

function rows() {
  return within(screen.getByRole('table', { name: 'Scanned UDIs' }))
    .getAllByRole('row')
    .slice(1);
}

describe('UdiScanner', () => {
  it('adds a label on Enter, clears the field and keeps the focus', () => {
    renderWithProviders(<Harness />);
    const field = screen.getByLabelText('Scan or type a UDI');
    field.focus();
    scan(field, `  ${LABEL_A}\n`);
    expect(rows()).toHaveLength(1);
    expect(rows()[0]?.textContent).toContain(LABEL_A);
    expect((field as HTMLInputElement).value).toBe('');
    expect(document.activeElement).toBe(field);
    scan(field, LABEL_B);
    expect(rows()).toHaveLength(2);
    expect(screen.getByRole('status').textContent).toContain('Line 2 added');
  });

  it('ignores an Enter on an empty field', () => {
    renderWithProviders(<Harness />);
    const field = screen.getByLabelText('Scan or type a UDI');
    scan(field, '   ');
    expect(screen.queryByRole('table', { name: 'Scanned UDIs' })).toBeNull();
  });

  it('flags a label scanned twice, and a removal takes the flag away', () => {
    renderWithProviders(<Harness />);
    const field = screen.getByLabelText('Scan or type a UDI');
    scan(field, LABEL_A);
    scan(field, LABEL_B);
    scan(field, LABEL_A);
    expect(rows()).toHaveLength(3);
    expect(rows()[2]?.textContent).toContain('Duplicate of line 1');
    expect(rows()[1]?.textContent).not.toContain('Duplicate');
    expect(screen.getByRole('status').textContent).toContain('Line 3 is the same label as line 1');
    fireEvent.click(screen.getByRole('button', { name: 'Remove line 3' }));
    expect(rows()).toHaveLength(2);
    expect(screen.queryByText(/Duplicate of line/)).toBeNull();
    expect(document.activeElement).toBe(field);
  });
});
