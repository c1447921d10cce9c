import { expect } from 'vitest';
import { InvalidStateTransition } from '../../src/common/errors/domain-error';
import { toProblem } from '../../src/common/errors/to-problem';

/**
 * Every (status, event) pair of a transition table, fired on a real record: the pairs `expected`
 * lists move the record to their status; every other pair is refused with 409
 * INVALID_STATE_TRANSITION naming the status and the event, and leaves the record as it was.
 * The test writes the table out again as `expected`, so a row added or removed by mistake fails.
 */
export async function checkEveryPair<S extends string, E extends string>(machine: {
  table: {
    statuses: readonly S[];
    events: readonly E[];
    transitions: readonly { from: S; event: E; to: S }[];
  };
  expected: readonly (readonly [S, E, S])[];
  /** Put the record in `status` (a test may write the row directly: this is set-up). */
  setStatus(status: S): Promise<void>;
  /** Fire `event` through the owning module's service, in a transaction. */
  fire(event: E, from: S): Promise<unknown>;
  readStatus(): Promise<S>;
}): Promise<void> {
  expect(
    machine.table.transitions.map((t) => [t.from, t.event, t.to]),
    'the table, row for row',
  ).toEqual(machine.expected.map((row) => [...row]));
  for (const from of machine.table.statuses) {
    for (const event of machine.table.events) {
      await machine.setStatus(from);
      const row = machine.expected.find(([f, e]) => f === from && e === event);
      const pair = `${from} --${event}-->`;
      if (row) {
        await machine.fire(event, from);
        expect(await machine.readStatus(), pair).toBe(row[2]);
        continue;
      }
      const refusal = await machine.fire(event, from).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refusal, `${pair} must be refused`).toBeInstanceOf(InvalidStateTransition);
      const { problem } = toProblem(refusal);
      expect(problem, pair).toMatchObject({
        status: 409,
        code: 'INVALID_STATE_TRANSITION',
        currentStatus: from,
        event,
      });
      expect(await machine.readStatus(), `${pair} refused changes nothing`).toBe(from);
    }
  }
}
