import { DomainError } from '../../../common/errors/domain-error';
import type { X12Problem } from '../x12/x12-reader';

/**
 * An X12 file that cannot be read, whose envelope counts are wrong, or whose amounts do not
 * balance (docs/claims-x12.md "The 835"): 400 with every problem, each naming the segment, its
 * 1-based position in the interchange and, where one element is at fault, the element. Nothing
 * is posted.
 */
export class InvalidX12 extends DomainError {
  readonly status = 400;
  readonly code = 'INVALID_X12';
  constructor(readonly problems: readonly X12Problem[]) {
    super(
      problems.length === 1
        ? `The 835 is not valid: ${problems[0]?.message ?? ''}`
        : `The 835 is not valid: ${problems.length} problems`,
    );
  }
  override details(): Record<string, unknown> {
    return {
      errors: this.problems.map((p) => ({
        path: `${p.element ?? p.segment}@${p.segmentIndex}`,
        message: p.message,
        segment: p.segment,
        segmentIndex: p.segmentIndex,
        ...(p.element === undefined ? {} : { element: p.element }),
      })),
    };
  }
}
