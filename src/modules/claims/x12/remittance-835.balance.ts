import { Money } from '../../../common/money';
import type { Adjustment, Remittance835 } from './remittance-835.model';
import type { X12Problem } from './x12-reader';

/**
 * The 835 guide's balancing rules (005010X221A1 §1.10.2.1), on exact cents. A remittance that
 * does not balance is refused whole: posting part of it would leave the bank deposit and the bills
 * disagreeing.
 *
 * - Service line (2110): SVC02 charge − Σ its CAS = SVC03 paid.
 * - Claim (2100): CLP03 charge − Σ CAS of the claim and of its lines = CLP04 paid; and, when
 *   lines are sent, CLP04 = Σ SVC03 − Σ claim-level CAS.
 * - Transaction: BPR02 = Σ CLP04 − Σ PLB amounts (a PLB amount is taken from the payment).
 *
 * CLP05 (patient responsibility) is not balanced against the PR adjustments: the guide does not
 * require it, and posting moves to the patient exactly the PR amounts of the CAS segments.
 */
export function balance835(remittance: Remittance835, bprIndex: number): X12Problem[] {
  const problems: X12Problem[] = [];
  for (const claim of remittance.claims) {
    const claimCas = total(claim.adjustments);
    for (const service of claim.services) {
      const expected = service.charge.minus(total(service.adjustments));
      if (expected.compare(service.paid) !== 0)
        problems.push({
          segment: 'SVC',
          segmentIndex: service.segmentIndex,
          element: 'SVC03',
          message: `SVC03 ${service.paid.toDecimal()} ≠ SVC02 ${service.charge.toDecimal()} − adjustments ${total(service.adjustments).toDecimal()} (${expected.toDecimal()})`,
        });
    }
    const lineCas = Money.sum(claim.services.map((s) => total(s.adjustments)));
    const expected = claim.charge.minus(claimCas).minus(lineCas);
    if (expected.compare(claim.paid) !== 0)
      problems.push({
        segment: 'CLP',
        segmentIndex: claim.segmentIndex,
        element: 'CLP04',
        message: `CLP04 ${claim.paid.toDecimal()} ≠ CLP03 ${claim.charge.toDecimal()} − adjustments ${claimCas.plus(lineCas).toDecimal()} (${expected.toDecimal()})`,
      });
    if (claim.services.length > 0) {
      const fromLines = Money.sum(claim.services.map((s) => s.paid)).minus(claimCas);
      if (fromLines.compare(claim.paid) !== 0)
        problems.push({
          segment: 'CLP',
          segmentIndex: claim.segmentIndex,
          element: 'CLP04',
          message: `CLP04 ${claim.paid.toDecimal()} ≠ Σ SVC03 − claim-level adjustments (${fromLines.toDecimal()})`,
        });
    }
  }
  const paid = Money.sum(remittance.claims.map((c) => c.paid));
  const plb = Money.sum(remittance.providerAdjustments.map((p) => p.amount));
  const expected = paid.minus(plb);
  if (expected.compare(remittance.payment.amount) !== 0)
    problems.push({
      segment: 'BPR',
      segmentIndex: bprIndex,
      element: 'BPR02',
      message: `BPR02 ${remittance.payment.amount.toDecimal()} ≠ Σ CLP04 ${paid.toDecimal()} − Σ PLB ${plb.toDecimal()} (${expected.toDecimal()})`,
    });
  return problems;
}

function total(adjustments: readonly Adjustment[]): Money {
  return Money.sum(adjustments.map((a) => a.amount));
}
