import { InvalidStateTransition } from './errors/domain-error';

/**
 * One row of a state machine: `event` takes a record in `from` to `to`, when `guard` (if any)
 * holds for the record. Rows with the same `from` and `event` are tried in order; the first whose
 * guard holds wins.
 */
export interface Transition<S extends string, E extends string, G = never> {
  readonly from: S;
  readonly event: E;
  readonly to: S;
  readonly guard?: (subject: G) => boolean;
  /** Why the event is refused when this row's guard fails (the problem's `detail`). */
  readonly refusal?: string;
}

/** A guarded table's `next` takes the facts its guards read; an unguarded one takes none. */
export type GuardSubject<G> = [G] extends [never] ? [] : [G];

/**
 * The one transition table of a record's status (docs/architecture.md "State machines"). The
 * module that owns the record fires every change of its status through it; a (status, event)
 * pair with no row, or whose rows' guards all fail, is 409 INVALID_STATE_TRANSITION naming both.
 */
export class TransitionTable<S extends string, E extends string, G = never> {
  constructor(
    readonly statuses: readonly S[],
    readonly events: readonly E[],
    readonly transitions: readonly Transition<S, E, G>[],
  ) {}

  /** Whether some row takes `event` from `from` (guards aside). */
  allows(from: S, event: E): boolean {
    return this.transitions.some((t) => t.from === from && t.event === event);
  }

  /** The status `event` leads to from `from`, or 409 INVALID_STATE_TRANSITION. */
  next(from: S, event: E, ...subject: GuardSubject<G>): S {
    let refusal: string | undefined;
    for (const t of this.transitions) {
      if (t.from !== from || t.event !== event) continue;
      if (t.guard && !t.guard(subject[0] as G)) {
        refusal ??= t.refusal;
        continue;
      }
      return t.to;
    }
    throw new InvalidStateTransition(
      from,
      event,
      refusal === undefined ? undefined : `Cannot ${event} in status ${from}: ${refusal}`,
    );
  }
}
