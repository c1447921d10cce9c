import { v7 as uuidv7 } from 'uuid';

/** The one id generator: UUID v7, time-ordered, so new rows land at the end of their indexes. */
export function newId(): string {
  return uuidv7();
}
