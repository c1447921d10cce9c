import { DomainError } from '../../../common/errors/domain-error';

/** Not enough matching, unexpired stock (docs/api.md): the body says what is short. */
export class InsufficientInventory extends DomainError {
  readonly status = 409;
  readonly code = 'INSUFFICIENT_INVENTORY';
  constructor(
    message: string,
    private readonly shortage: Record<string, string | number>,
  ) {
    super(message);
  }
  override details(): Record<string, unknown> {
    return { shortage: this.shortage };
  }
}
