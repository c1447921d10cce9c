import { DomainError } from '../../../common/errors/domain-error';

/**
 * An 835 claim payment (CLP) whose payments and adjustments would take the bill's insurance
 * balance below zero (or any of its running totals negative): nothing is posted, and the problem
 * names the CLP (`patientControlNumber`, `segmentIndex`) and the bill.
 */
export class RemittanceExceedsBalance extends DomainError {
  readonly status = 422;
  readonly code = 'REMITTANCE_EXCEEDS_BALANCE';
  constructor(
    readonly patientControlNumber: string,
    readonly segmentIndex: number,
    readonly billId: string,
    readonly reason: string,
  ) {
    super(`CLP ${patientControlNumber} (segment ${segmentIndex}): ${reason}`);
  }
  override details(): Record<string, unknown> {
    return {
      patientControlNumber: this.patientControlNumber,
      segmentIndex: this.segmentIndex,
      billId: this.billId,
      errors: [{ path: `CLP@${this.segmentIndex}`, message: this.message }],
    };
  }
}
