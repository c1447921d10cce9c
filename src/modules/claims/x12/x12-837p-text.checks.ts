import type { FieldError } from './field-error';
import { X12_DELIMITERS } from './x12-delimiters';
import { readX12 } from './x12-reader';

/** ISA01–ISA16 widths: the ISA is fixed length (106 characters with its terminator). */
const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1];
const ISA_LENGTH = 106;

/**
 * Checks the written 837P text before it leaves: the ISA's fixed widths and 9-digit ISA13, GS06 a
 * number of at most 9 digits, SE01 = the segments from ST to SE counted here on the text itself
 * (not by the library that wrote them), and node-x12 reading it back with no envelope problem
 * (SE/GE/IEA counts and control numbers). Paths name the X12 element (`x12.ISA06`, `x12.SE01`).
 */
export function check837pText(x12: string): FieldError[] {
  const errors: FieldError[] = [];
  const { segment: terminator, element: separator } = X12_DELIMITERS;

  const isa = x12.slice(0, ISA_LENGTH);
  const isaElements = isa.slice(0, -1).split(separator).slice(1);
  if (!isa.startsWith('ISA') || isa.at(-1) !== terminator || isaElements.length !== 16)
    errors.push({ path: 'x12.ISA', message: `The ISA is not ${ISA_LENGTH} characters` });
  isaElements.forEach((value, i) => {
    const width = ISA_WIDTHS[i];
    const name = `ISA${String(i + 1).padStart(2, '0')}`;
    if (value.length !== width)
      errors.push({ path: `x12.${name}`, message: `${name} is ${width} characters wide` });
  });
  if (!/^\d{9}$/.test(isaElements[12] ?? ''))
    errors.push({ path: 'x12.ISA13', message: 'The interchange control number is 9 digits' });

  const segments = x12.split(terminator).filter((s) => s !== '');
  let open: { index: number; st02: string } | undefined;
  segments.forEach((text, index) => {
    const [tag, ...elements] = text.split(separator);
    if (tag === 'GS' && !/^\d{1,9}$/.test(elements[5] ?? ''))
      errors.push({ path: 'x12.GS06', message: 'The group control number is 1 to 9 digits' });
    if (tag === 'ST') open = { index, st02: elements[1] ?? '' };
    if (tag === 'SE' && open) {
      const count = index - open.index + 1;
      if (elements[0] !== String(count))
        errors.push({
          path: 'x12.SE01',
          message: `Transaction ${open.st02}: SE01 is ${elements[0]}, the transaction has ${count} segments`,
        });
      open = undefined;
    }
  });

  for (const problem of readX12(x12).problems)
    errors.push({
      path: `x12.${problem.element ?? problem.segment}`,
      message: `Segment ${problem.segmentIndex} (${problem.segment}): ${problem.message}`,
    });
  return errors;
}
