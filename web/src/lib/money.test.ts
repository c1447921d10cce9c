import { describe, expect, it } from 'vitest';
import {
  fromCents,
  moneyInputError,
  normalizeMoney,
  parseMoneyInput,
  splitEvenly,
  subtractMoney,
  toCents,
} from './money';

describe('moneyInputError', () => {
  it('accepts whole amounts and amounts with one or two decimals', () => {
    expect(moneyInputError('12')).toBeNull();
    expect(moneyInputError('12.5')).toBeNull();
    expect(moneyInputError('12.50')).toBeNull();
    expect(moneyInputError(' 400.00 ')).toBeNull();
  });

  it('refuses more than two decimals, negatives, words and nothing', () => {
    expect(moneyInputError('12.505')).not.toBeNull();
    expect(moneyInputError('-1')).not.toBeNull();
    expect(moneyInputError('abc')).not.toBeNull();
    expect(moneyInputError('')).toBe('Enter an amount');
    expect(moneyInputError('12.')).not.toBeNull();
    expect(moneyInputError('1,000')).not.toBeNull();
  });

  it('refuses zero unless the field allows it (a deposit may be 0.00)', () => {
    expect(moneyInputError('0')).toBe('Must be more than 0.00');
    expect(moneyInputError('0.00')).toBe('Must be more than 0.00');
    expect(moneyInputError('0', { allowZero: true })).toBeNull();
  });
});

describe('cents arithmetic', () => {
  it('converts without a float', () => {
    expect(toCents('12.5')).toBe(1250n);
    expect(toCents('90071992547409.93')).toBe(9007199254740993n);
    expect(fromCents(9007199254740993n)).toBe('90071992547409.93');
    expect(fromCents(-5n)).toBe('-0.05');
    expect(normalizeMoney('7')).toBe('7.00');
  });

  it('subtracts amounts to the cent', () => {
    expect(subtractMoney('333.33', '0.10')).toBe('333.23');
    expect(subtractMoney('0.30', '0.10')).toBe('0.20');
  });

  it('splits evenly with the remainder on the last part, as the API does', () => {
    expect(splitEvenly('1000.00', 3)).toEqual(['333.33', '333.33', '333.34']);
    expect(splitEvenly('10.00', 1)).toEqual(['10.00']);
    expect(splitEvenly('10.00', 0)).toEqual([]);
  });
});

describe('parseMoneyInput', () => {
  it('writes an amount as the API takes money', () => {
    expect(parseMoneyInput('400')).toBe('400.00');
    expect(parseMoneyInput('12.5')).toBe('12.50');
    expect(parseMoneyInput(' $1,250.05 ')).toBe('1250.05');
    expect(parseMoneyInput('0.99')).toBe('0.99');
    expect(parseMoneyInput('007')).toBe('7.00');
    expect(parseMoneyInput('400.')).toBe('400.00');
  });

  it('refuses what is not a non-negative amount with two decimals at most', () => {
    for (const bad of ['', 'abc', '-5', '1.234', '1e3', '.5'])
      expect(parseMoneyInput(bad)).toBeNull();
  });
});
