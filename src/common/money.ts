import { z } from 'zod';
import { invariant } from './invariant';

/** numeric(12,2): the largest amount a column holds, in cents. */
const MAX_CENTS = 9_999_999_999_99;
const DECIMAL = /^(\d{1,10})(?:\.(\d{1,2}))?$/;
const UNBOUNDED_DECIMAL = /^\d+(?:\.\d{1,2})?$/;
const MONEY_INPUT_MESSAGE = 'A non-negative amount with at most two decimals, e.g. "8000.00"';

/**
 * Money as integer cents (docs/design.md §1): decimal strings at the edges ("8000.00" in JSON and
 * from numeric(12,2) columns), never a float in between.
 */
export class Money {
  private constructor(readonly cents: number) {
    invariant(Number.isSafeInteger(cents), 'cents are a safe integer');
  }

  static readonly ZERO = new Money(0);

  static fromCents(cents: number): Money {
    return new Money(cents);
  }

  /** Parses "8000", "8000.5", "8000.50" (and a numeric column's string). Throws on anything else. */
  static fromDecimal(value: string): Money {
    const negative = value.startsWith('-');
    const match = DECIMAL.exec(negative ? value.slice(1) : value);
    if (!match?.[1]) throw new Error(`not a decimal amount: ${value}`);
    const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
    return new Money(negative ? -cents : cents);
  }

  static sum(amounts: readonly Money[]): Money {
    return new Money(amounts.reduce((total, m) => total + m.cents, 0));
  }

  plus(other: Money): Money {
    return new Money(this.cents + other.cents);
  }

  minus(other: Money): Money {
    return new Money(this.cents - other.cents);
  }

  times(quantity: number): Money {
    invariant(Number.isInteger(quantity), 'money is multiplied by whole quantities only');
    return new Money(this.cents * quantity);
  }

  isZero(): boolean {
    return this.cents === 0;
  }

  isNegative(): boolean {
    return this.cents < 0;
  }

  compare(other: Money): number {
    return Math.sign(this.cents - other.cents);
  }

  /** `count` parts adding up exactly to this amount; the remainder cent(s) go on the last part. */
  splitEvenly(count: number): Money[] {
    invariant(Number.isInteger(count) && count > 0, 'split into a positive whole number of parts');
    const base = Math.floor(this.cents / count);
    const parts = Array.from({ length: count }, () => new Money(base));
    parts[count - 1] = new Money(this.cents - base * (count - 1));
    return parts;
  }

  /** "8000.00" */
  toDecimal(): string {
    const abs = Math.abs(this.cents);
    const units = Math.floor(abs / 100);
    const cents = String(abs % 100).padStart(2, '0');
    return `${this.cents < 0 ? '-' : ''}${units}.${cents}`;
  }

  toJSON(): string {
    return this.toDecimal();
  }
}

/**
 * A money amount in a request: a decimal string or a number, non-negative, at most two decimals,
 * within numeric(12,2). Numbers are read through their shortest decimal form (8000.5 → "8000.5"),
 * so 0.1 + 0.2 style float noise is refused rather than rounded.
 */
export const MoneyInput = z
  // The string's pattern also keeps the OpenAPI document right: without it zod writes
  // `type: ["string", "number"]`, which @nestjs/swagger misreads as an array of strings.
  .union([z.string().trim().regex(UNBOUNDED_DECIMAL, MONEY_INPUT_MESSAGE), z.number()], {
    error: MONEY_INPUT_MESSAGE,
  })
  .transform((value, ctx) => {
    const text = typeof value === 'number' ? String(value) : value;
    // Any number of whole digits here, so that an amount too large for the column is named as
    // such: DECIMAL stops at ten digits and could not tell the two mistakes apart.
    if (!UNBOUNDED_DECIMAL.test(text)) {
      ctx.addIssue({ code: 'custom', message: MONEY_INPUT_MESSAGE });
      return z.NEVER;
    }
    if (!DECIMAL.test(text) || Money.fromDecimal(text).cents > MAX_CENTS) {
      ctx.addIssue({ code: 'custom', message: 'At most 9999999999.99' });
      return z.NEVER;
    }
    return Money.fromDecimal(text);
  });

/** A money amount in a response: the decimal string. */
export const MoneyOutput = z.string().regex(/^-?\d+\.\d{2}$/);
