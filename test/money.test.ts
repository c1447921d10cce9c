import { describe, expect, it } from 'vitest';
import { Money, MoneyInput, MoneyOutput } from '../src/common/money';

function decimals(parts: readonly Money[]): string[] {
  return parts.map((m) => m.toDecimal());
}

describe('Money.fromDecimal and toDecimal', () => {
  it.each([
    ['8000', 800_000, '8000.00'],
    ['8000.5', 800_050, '8000.50'],
    ['8000.50', 800_050, '8000.50'],
    ['0', 0, '0.00'],
    ['0.01', 1, '0.01'],
    ['0.1', 10, '0.10'],
    ['007000.00', 700_000, '7000.00'],
    ['9999999999.99', 999_999_999_999, '9999999999.99'],
    ['-0.50', -50, '-0.50'],
    ['-12.34', -1_234, '-12.34'],
  ])('reads %s as %i cents and writes it back as %s', (text, cents, written) => {
    const money = Money.fromDecimal(text);
    expect(money.cents).toBe(cents);
    expect(money.toDecimal()).toBe(written);
    expect(Money.fromDecimal(money.toDecimal()).cents).toBe(cents);
  });

  it.each(['', '8000.', '.50', '1.234', '1e3', 'abc', '12,50', '--1', '1 000', '12345678901'])(
    'refuses %j',
    (text) => {
      expect(() => Money.fromDecimal(text)).toThrow(/not a decimal amount/);
    },
  );

  it('writes whole cents for every amount from 0.00 to 2.00', () => {
    for (let cents = 0; cents <= 200; cents++) {
      const written = Money.fromCents(cents).toDecimal();
      expect(written).toMatch(/^\d+\.\d{2}$/);
      expect(Money.fromDecimal(written).cents).toBe(cents);
    }
  });

  it('serialises to JSON as the decimal string', () => {
    expect(JSON.stringify({ total: Money.fromDecimal('8000') })).toBe('{"total":"8000.00"}');
  });
});

describe('Money arithmetic', () => {
  it('adds the seed example up to exactly 8000.00', () => {
    const surgeonFee = Money.fromDecimal('7000.00');
    const implants = Money.fromDecimal('400.00').times(2);
    const facilityFee = Money.fromDecimal('200.00');
    expect(implants.toDecimal()).toBe('800.00');
    expect(Money.sum([surgeonFee, implants, facilityFee]).toDecimal()).toBe('8000.00');
  });

  it('adds 0.10 and 0.20 to exactly 0.30, unlike floating point', () => {
    expect(Money.fromDecimal('0.10').plus(Money.fromDecimal('0.20')).toDecimal()).toBe('0.30');
  });

  it.each([
    [[], '0.00'],
    [['0.01'], '0.01'],
    [['19.99', '0.01', '980.00'], '1000.00'],
  ])('sums %j to %s', (amounts, total) => {
    expect(Money.sum(amounts.map((a) => Money.fromDecimal(a))).toDecimal()).toBe(total);
  });

  it.each([
    ['400.00', 2, '800.00'],
    ['0.33', 3, '0.99'],
    ['12.34', 0, '0.00'],
  ])('multiplies %s by %i to %s', (amount, quantity, product) => {
    expect(Money.fromDecimal(amount).times(quantity).toDecimal()).toBe(product);
  });

  it('refuses to multiply by a fraction', () => {
    expect(() => Money.fromDecimal('10.00').times(1.5)).toThrow(/whole quantities/);
  });

  it('subtracts, compares and tells zero and negative amounts apart', () => {
    const a = Money.fromDecimal('10.00');
    const b = Money.fromDecimal('10.01');
    expect(a.minus(b).toDecimal()).toBe('-0.01');
    expect(a.minus(b).isNegative()).toBe(true);
    expect(a.minus(a).isZero()).toBe(true);
    expect(Money.ZERO.isZero()).toBe(true);
    expect([a.compare(b), b.compare(a), a.compare(Money.fromCents(1000))]).toEqual([-1, 1, 0]);
  });
});

describe('Money.splitEvenly', () => {
  it.each([
    ['1000.00', 3, ['333.33', '333.33', '333.34']],
    ['0.05', 3, ['0.01', '0.01', '0.03']],
    ['0.02', 3, ['0.00', '0.00', '0.02']],
    ['0.00', 2, ['0.00', '0.00']],
    ['100.00', 4, ['25.00', '25.00', '25.00', '25.00']],
    ['100.00', 1, ['100.00']],
    ['7000.01', 6, ['1166.66', '1166.66', '1166.66', '1166.66', '1166.66', '1166.71']],
  ])('splits %s into %i parts as %j', (amount, count, parts) => {
    const money = Money.fromDecimal(amount);
    const split = money.splitEvenly(count);
    expect(decimals(split)).toEqual(parts);
    expect(Money.sum(split).cents).toBe(money.cents);
  });

  it.each([0, -1, 2.5])('refuses to split into %d parts', (count) => {
    expect(() => Money.fromDecimal('10.00').splitEvenly(count)).toThrow(/positive whole number/);
  });
});

describe('MoneyInput', () => {
  it.each([
    ['8000', '8000.00'],
    ['8000.5', '8000.50'],
    ['  8000.00 ', '8000.00'],
    ['0', '0.00'],
    ['9999999999.99', '9999999999.99'],
    [7000, '7000.00'],
    [7000.5, '7000.50'],
    [0.1, '0.10'],
    [0, '0.00'],
    [9999999999.99, '9999999999.99'],
  ])('accepts %j as %s', (input, decimal) => {
    const parsed = MoneyInput.safeParse(input);
    expect(parsed.success).toBe(true);
    expect(parsed.data?.toDecimal()).toBe(decimal);
  });

  it.each([
    ['float noise such as 0.1 + 0.2', 0.1 + 0.2, /at most two decimals/],
    ['three decimals in a string', '1.234', /at most two decimals/],
    ['three decimals in a number', 1.005, /at most two decimals/],
    ['a negative string', '-1.00', /non-negative/],
    ['a negative number', -1, /non-negative/],
    ['letters', 'abc', /non-negative amount/],
    ['an empty string', '', /non-negative amount/],
    ['an exponent', '1e3', /non-negative amount/],
    ['a number written with an exponent', 1e21, /non-negative amount/],
    ['one cent over the column', '10000000000.00', /At most 9999999999\.99/],
    ['a large whole number', 123456789012, /At most 9999999999\.99/],
    ['a very long string of digits', '9'.repeat(40), /At most 9999999999\.99/],
    ['infinity', Number.POSITIVE_INFINITY, /non-negative amount/],
    ['NaN', Number.NaN, /non-negative amount/],
    ['a boolean', true, /non-negative amount/],
    ['null', null, /non-negative amount/],
  ])('refuses %s', (_, input, message) => {
    const parsed = MoneyInput.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message).join(' | ')).toMatch(message);
  });
});

describe('MoneyOutput', () => {
  it.each([
    ['8000.00', true],
    ['-0.50', true],
    ['8000', false],
    ['8000.5', false],
  ])('%s is a valid response amount: %s', (value, valid) => {
    expect(MoneyOutput.safeParse(value).success).toBe(valid);
  });
});
