import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseSuggestion, nameDistance, nameErrorHint } from './name-suggestions.ts';

describe('the "Did you mean" distance', () => {
  it("gives CPython's distances", () => {
    // traceback._levenshtein_distance(a, b, 1000) on CPython 3.12.1 (the C function's
    // twin); 1001 there is "too long" (over 40 bytes after the common affixes).
    const measured: [string, string, number][] = [
      ['cont', 'count', 2],
      ['pritn', 'print', 4],
      ['totl', 'total', 2],
      ['size', 'slice', 4],
      ['Print', 'print', 1],
      ['lengt', 'lenght', 2],
      ['abc', 'xyz', 6],
      ['a_b', 'a-b', 2],
      ['values', 'VALUES', 6],
      ['x', 'xyz', 4],
    ];
    for (const [a, b, d] of measured) expect(nameDistance(a, b), `${a} ${b}`).toBe(d);
    const long = 'ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ';
    expect(nameDistance(long, long.toLowerCase())).toBe(Number.POSITIVE_INFINITY);
  });

  it('is symmetric, zero only for equal names, and within twice the longer length', () => {
    const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/);
    fc.assert(
      fc.property(name, name, (a, b) => {
        const d = nameDistance(a, b);
        expect(d).toBe(nameDistance(b, a));
        expect(d === 0).toBe(a === b);
        expect(d).toBeLessThanOrEqual(2 * Math.max(a.length, b.length));
      }),
    );
  });
});

describe('the choice among candidates', () => {
  const ordered = (name: string) => ({ name, ordered: true });
  it('takes the nearest accepted name, the first of equals, and refuses an unknown order', () => {
    expect(chooseSuggestion('vale', [ordered('valu'), ordered('value')])).toBe('valu');
    expect(chooseSuggestion('vale', [{ name: 'valu', ordered: false }, ordered('value')])).toBe(
      null,
    );
    expect(chooseSuggestion('xyz123', [ordered('x'), ordered('print')])).toBe(undefined);
    expect(chooseSuggestion('cont', [ordered('cont'), ordered('count')])).toBe('count');
  });

  it('words the hint per version', () => {
    const tiers = [[ordered('mth')]];
    expect(nameErrorHint(11, 'math', { tiers, selfHas: null })).toBe(". Did you mean: 'mth'?");
    expect(nameErrorHint(12, 'math', { tiers, selfHas: null })).toBe(
      ". Did you mean: 'mth'? Or did you forget to import 'math'?",
    );
    expect(nameErrorHint(12, 'sys', { tiers: [[]], selfHas: null })).toBe(
      ". Did you forget to import 'sys'?",
    );
    expect(nameErrorHint(13, 'size', { tiers, selfHas: true })).toBe(
      ". Did you mean: 'self.size'?",
    );
  });
});
