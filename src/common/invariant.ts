/** Narrows a can't-happen case; the message says why it can't. */
export function invariant(condition: unknown, why: string): asserts condition {
  if (!condition) throw new Error(`Invariant failed: ${why}`);
}
