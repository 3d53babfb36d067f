/**
 * Instances as iterators (instance-next.ts): `__next__` raising StopIteration ends
 * `for`, `list()`, `sum()`, `next(o, d)`, `in` and comprehensions, and every reference
 * the iteration took — the instance's, the StopIteration's, its traceback's — is given
 * back at once. Real CPython's output is checked by the `mf_next_*` differential programs.
 */
import { validateHeap } from '@pymem/objects';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPython } from './run.ts';

describe('instances with __next__', () => {
  it('refuses stepping one inside a generator expression', () => {
    const program = [
      'class C:',
      '    def __iter__(self):',
      '        return self',
      '    def __next__(self):',
      '        raise StopIteration',
      'print(sum(x for x in C()))',
    ].join('\n');
    const r = runPython(program, { python: '3.12', filename: 'p.py' });
    expect(r.stderr).toBe(
      'p.py:6:1: __next__ of an instance inside a generator is not supported by pymem run\n',
    );
  });

  it('end every consumer and give back every reference (3.8 … 3.13)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('3.8', '3.9', '3.10', '3.11', '3.12', '3.13'),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom('for', 'list', 'sum', 'next', 'in', 'comprehension'),
        fc.boolean(),
        (python, n, consumer, called) => {
          const consume: Record<string, string> = {
            for: 's = 0\nfor v in c:\n    s += v\n',
            list: 's = sum(list(c))\n',
            sum: 's = sum(c)\n',
            next: 's = next(c, 0)\n',
            in: 's = 1 if 2 in c else 0\n',
            comprehension: 's = sum([v for v in c])\n',
          };
          const program = [
            'import sys',
            'class Count:',
            '    def __init__(self, n):',
            '        self.i = 0',
            '        self.n = n',
            '    def __iter__(self):',
            '        return self',
            '    def __next__(self):',
            '        if self.i == self.n:',
            `            raise StopIteration${called ? '(self.i)' : ''}`,
            '        self.i += 1',
            '        return self.i',
            `c = Count(${n})`,
            'a = sys.getrefcount(c)',
            consume[consumer],
            'print(s, sys.getrefcount(c) - a)',
          ].join('\n');
          const r = runPython(program, { python, filename: 'p.py' });
          const total = (n * (n + 1)) / 2;
          const expected: Record<string, number> = {
            for: total,
            list: total,
            sum: total,
            next: n > 0 ? 1 : 0,
            in: n >= 2 ? 1 : 0,
            comprehension: total,
          };
          expect([r.outcome, r.stdout]).toEqual(['ok', `${expected[consumer]} 0\n`]);
          validateHeap(r.heap);
        },
      ),
      { numRuns: 40, seed: 14 },
    );
  });
});
