import { ValidationFailed } from '../../../common/errors/domain-error';

/**
 * A code of the case has no price: it is neither on the accepted quote nor in the fee schedule.
 * A 400 VALIDATION_FAILED naming each code (`cptCodes[i]`), as issuing a quote answers for a code
 * the fee schedule lacks (docs/api.md: "a code is … unknown"). It fails the case's completion, which
 * then changes nothing; adding the code to the fee schedule and completing again works.
 */
export class CaseNotBillable extends ValidationFailed {}
