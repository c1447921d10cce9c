import { DomainError } from '../../../common/errors/domain-error';
import type { FieldError } from '../../../common/errors/problem-code';

/** The seed's "Before Plan Can Be Approved", failed: every unmet rule, each naming its field. */
export class PlanNotApprovable extends DomainError {
  readonly status = 409;
  readonly code = 'PLAN_NOT_APPROVABLE';
  constructor(readonly errors: FieldError[]) {
    super(`The plan cannot be approved: ${errors.map((e) => e.message).join('; ')}`);
  }
  override details(): Record<string, unknown> {
    return { errors: this.errors };
  }
}
