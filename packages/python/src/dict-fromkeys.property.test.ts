/**
 * `dict.fromkeys` and `zip(strict=True)` over random inputs (fast-check, fixed seed):
 *
 *   1. `dict.fromkeys(src, v)` holds the same keys, in the same order, as a dict built
 *      key by key from `src` — whichever path made it (a list's key-by-key inserts, or a
 *      dict's or set's one resize up front) — and the heap stays valid;
 *   2. a strict zip of two lists pairs them when their lengths agree and otherwise ends
 *      in CPython's ValueError naming the shorter or longer argument.
 * What the sizes are is the differential suite's to check (dict_fromkeys.py, zip_strict.py).
 */
import { validateHeap } from '@pymem/objects';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPython } from './run.ts';

describe('dict.fromkeys', () => {
  for (const python of ['3.8', '3.11', '3.13']) {
    it(`has the keys a key-by-key build has, from a list, a dict and a set (${python})`, () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: -50, max: 400 }), { maxLength: 60 }), (keys) => {
          const src = `[${keys.join(', ')}]`;
          const program = [
            `src = ${src}`,
            'by_hand = {}',
            'for k in src:',
            '    by_hand[k] = 0',
            'a = dict.fromkeys(src, 0)',
            'b = dict.fromkeys(by_hand, 0)',
            'c = dict.fromkeys(set(src), 0)',
            'print(list(a) == list(by_hand), list(b) == list(by_hand), sorted(c) == sorted(by_hand))',
            'print(a == by_hand, b == by_hand, c == by_hand)',
          ].join('\n');
          const r = runPython(program, { python, filename: 'p.py' });
          expect(r.stderr).toBe('');
          expect(r.stdout).toBe('True True True\nTrue True True\n');
          validateHeap(r.heap);
        }),
        { seed: 20261206, numRuns: 40 },
      );
    });
  }
});

describe('zip(strict=True)', () => {
  it('pairs equal lengths and names the shorter or longer argument otherwise (3.12)', () => {
    fc.assert(
      fc.property(fc.nat(6), fc.nat(6), (n, k) => {
        const program = [
          `a = list(range(${n}))`,
          `b = list(range(${k}))`,
          'try:',
          '    print(len(list(zip(a, b, strict=True))))',
          'except ValueError as e:',
          '    print(e)',
        ].join('\n');
        const r = runPython(program, { python: '3.12', filename: 'p.py' });
        const expected =
          n === k
            ? `${n}\n`
            : n < k
              ? 'zip() argument 2 is longer than argument 1\n'
              : 'zip() argument 2 is shorter than argument 1\n';
        expect([r.outcome, r.stdout]).toEqual(['ok', expected]);
      }),
      { seed: 20261206, numRuns: 40 },
    );
  });
});
