import { X12Parser } from 'node-x12';
import type { X12Interchange, X12Segment } from 'node-x12';

/** A segment as read, with its 1-based position in the interchange (ISA is 1). */
export interface ReadSegment {
  index: number;
  tag: string;
  /** `elements[0]` is XX01. Components stay joined by the component separator. */
  elements: string[];
}

/**
 * A reason the text is not a whole, well-counted interchange: which segment (tag and position)
 * and, where one element is at fault, which (`SE01`).
 */
export interface X12Problem {
  segment: string;
  segmentIndex: number;
  element?: string;
  message: string;
}

export interface ReadInterchange {
  segments: ReadSegment[];
  /** The component separator the sender declared in ISA16. */
  componentSeparator: string;
  problems: X12Problem[];
}

/**
 * Reads X12 text with node-x12 (docs/claims.md "Which library": the library tokenizes, detects the
 * delimiters from the ISA and checks the envelope: SE01/SE02, GE01/GE02, IEA01/IEA02), and turns
 * its diagnostics into problems that name the segment and its position. What node-x12 lets pass
 * silently is added here: a missing SE, GE or IEA (text cut off), and text that does not end with
 * the segment terminator. node-x12 runs in its lenient mode so that every problem is reported,
 * not only the first.
 */
export function readX12(text: string): ReadInterchange {
  const parser = new X12Parser(false);
  let interchange: X12Interchange;
  try {
    const parsed = parser.parse(text);
    if (!('functionalGroups' in parsed))
      return unreadable('More than one ISA: one interchange per file');
    interchange = parsed;
  } catch (error) {
    // node-x12 throws on structures it cannot place, such as an SE without its ST.
    return unreadable(`Not readable as X12: ${error instanceof Error ? error.message : 'unknown'}`);
  }

  const segments: ReadSegment[] = [];
  const starts: { line: number; character: number }[] = [];
  const problems: X12Problem[] = [];
  const push = (segment: X12Segment | undefined, missingTag: string, missingWhat: string) => {
    if (segment) {
      segments.push({
        index: segments.length + 1,
        tag: segment.tag,
        elements: segment.elements.map((e) => e.value),
      });
      starts.push(segment.range.start);
    } else {
      problems.push({
        segment: missingTag,
        segmentIndex: segments.length + 1,
        message: `The text ends without ${missingTag}: ${missingWhat} is cut off`,
      });
    }
  };

  push(interchange.header, 'ISA', 'the interchange');
  for (const group of interchange.functionalGroups) {
    push(group.header, 'GS', 'the functional group');
    for (const transaction of group.transactions) {
      push(transaction.header, 'ST', 'the transaction');
      for (const segment of transaction.segments) push(segment, segment.tag, 'a segment');
      push(transaction.trailer, 'SE', 'the transaction');
    }
    push(group.trailer, 'GE', 'the functional group');
  }
  push(interchange.trailer, 'IEA', 'the interchange');

  const unterminated = unterminatedTail(text);
  if (unterminated !== undefined)
    problems.push({
      segment: unterminated.tag,
      segmentIndex: unterminated.index,
      message: 'The last segment has no terminator: the text is cut off',
    });

  for (const diagnostic of parser.diagnostics) {
    // node-x12 leaves the range empty on some diagnostics of the ISA: those point at segment 1.
    const at = segmentAt(starts, diagnostic.range?.start ?? { line: 0, character: 0 });
    const element = /value in ([A-Z][A-Z0-9]{1,2}\d{2})/.exec(diagnostic.message)?.[1];
    problems.push({
      segment: segments[at - 1]?.tag ?? 'ISA',
      segmentIndex: at,
      ...(element ? { element } : {}),
      message: diagnostic.message.replace(/^X12 Standard: /, ''),
    });
  }
  return {
    segments,
    componentSeparator: interchange.header?.valueOf(16) ?? ':',
    problems: problems.sort((a, b) => a.segmentIndex - b.segmentIndex),
  };
}

/**
 * The text after the last segment terminator, when there is any: its tag, and its position
 * (one more than the terminated segments). Delimiters never occur inside values, so counting
 * terminators counts segments. ISA is fixed width: its 106th character is the terminator.
 */
function unterminatedTail(text: string): { tag: string; index: number } | undefined {
  const terminator = text.charAt(105);
  if (terminator === '') return undefined;
  const trimmed = text.trimEnd();
  if (trimmed.endsWith(terminator)) return undefined;
  const segments = trimmed.split(terminator);
  const tail = (segments.at(-1) ?? '').trim();
  return { tag: tail.split(text.charAt(3))[0] ?? tail, index: segments.length };
}

/** The 1-based index of the segment a diagnostic's position falls in. */
function segmentAt(
  starts: readonly { line: number; character: number }[],
  position: { line: number; character: number },
): number {
  let found = 1;
  starts.forEach((start, i) => {
    if (
      start.line < position.line ||
      (start.line === position.line && start.character <= position.character)
    )
      found = i + 1;
  });
  return found;
}

function unreadable(message: string): ReadInterchange {
  return {
    segments: [],
    componentSeparator: ':',
    problems: [{ segment: 'ISA', segmentIndex: 1, message }],
  };
}
