import { describe, expect, it } from 'vitest';
import {
  commanderOption,
  parseWholeNumber,
  profileFrom,
  wholeNumberOption,
} from './command-spec.ts';
import { exitCodeFor } from './exit-codes.ts';

describe('parseWholeNumber', () => {
  it('takes digits within the range', () => {
    expect(parseWholeNumber('--top', '10', { min: 1 })).toBe(10);
    expect(parseWholeNumber('--port', '0', { min: 0, max: 65535 })).toBe(0);
    expect(parseWholeNumber('--port', '65535', { min: 0, max: 65535 })).toBe(65535);
  });

  it('refuses anything else as a usage error naming the flag and the range', () => {
    const cases: [string, { min: number; max?: number }, string][] = [
      ['x', { min: 0 }, '--n takes a whole number, not "x"'],
      ['0', { min: 1 }, '--n takes a positive whole number, not "0"'],
      ['1', { min: 2 }, '--n takes a whole number of at least 2, not "1"'],
      ['70000', { min: 0, max: 65535 }, '--n takes a whole number from 0 to 65535, not "70000"'],
      ['-1', { min: 0 }, '--n takes a whole number, not "-1"'],
      ['1e3', { min: 0 }, '--n takes a whole number, not "1e3"'],
      [' 5', { min: 0 }, '--n takes a whole number, not " 5"'],
      ['', { min: 0 }, '--n takes a whole number, not ""'],
      ['99999999999999999999', { min: 0 }, '--n takes a whole number, not "99999999999999999999"'],
    ];
    for (const [text, range, message] of cases) {
      let thrown: unknown;
      try {
        parseWholeNumber('--n', text, range);
      } catch (error) {
        thrown = error;
      }
      expect((thrown as Error).message, text).toBe(message);
      expect(exitCodeFor(thrown)).toBe(1);
    }
  });
});

describe('wholeNumberOption', () => {
  it('names the long flag in its errors and keeps its default', () => {
    const spec = wholeNumberOption('-n, --top <count>', 'rows', { min: 1 }, 10);
    expect(spec.default).toBe(10);
    expect(() => spec.parse!('0')).toThrow('--top takes a positive whole number, not "0"');
    const option = commanderOption(spec);
    expect(option.long).toBe('--top');
    expect(option.defaultValue).toBe(10);
  });
});

describe('profileFrom', () => {
  it('gives the profile of a version, nothing without one, and refuses a path', () => {
    expect(profileFrom('3.11.7')).toEqual({ profile: '3.11' });
    expect(profileFrom(undefined)).toEqual({});
    expect(() => profileFrom('/usr/bin/python3')).toThrow('is not a CPython version');
  });
});
