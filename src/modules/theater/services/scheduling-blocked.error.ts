import { DomainError } from '../../../common/errors/domain-error';
import type { ReadinessCheck, ReadinessCode } from '../dto/readiness.dto';

/** 409 SCHEDULING_BLOCKED (docs/api.md): every unmet check of the readiness checklist, with its detail. */
export class SchedulingBlocked extends DomainError {
  readonly status = 409;
  readonly code = 'SCHEDULING_BLOCKED';
  readonly unmetChecks: ReadinessCode[];
  constructor(private readonly unmet: readonly ReadinessCheck[]) {
    super(`Not ready: ${unmet.map((c) => `${c.code} (${c.detail})`).join('; ')}`);
    this.unmetChecks = unmet.map((c) => c.code);
  }
  override details(): Record<string, unknown> {
    return { unmetChecks: this.unmetChecks, checks: this.unmet };
  }
}
