/**
 * `map` / `filter` in `pymem run` (map-filter.ts): what is refused, and the law that
 * every reference a map or filter takes is given back however it is consumed. Real
 * CPython's output is checked by the `mf_*` differential programs.
 */
import { validateHeap } from '@pymem/objects';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPython } from './run.ts';

function run(program: string, python = '3.12'): [string, string, string] {
  const r = runPython(program, { python, filename: 'p.py' });
  return [r.outcome, r.stdout, r.stderr];
}

describe('map and filter', () => {
  it('takes a builtin as the function only there, and refuses iterables it does not step', () => {
    expect(run('xs = [1, 22]\nprint(list(map(str, xs)), list(filter(bool, [0, 3])))\n')[1]).toBe(
      "['1', '22'] [3]\n",
    );
    expect(run('f = str\n')[2]).toBe(
      "p.py:1:5: the builtin 'str' used as a value is not supported by pymem run\n",
    );
    expect(run('xs = [1]\nprint(list(map(xs, str)))\n')[2]).toBe(
      "p.py:2:20: the builtin 'str' used as a value is not supported by pymem run\n",
    );
    expect(run('xs = [1]\nprint(list(map(xs, xs)))\n')[2]).toBe(
      'p.py:2:1: map() with a list as its function is not supported by pymem run\n',
    );
    const text = 's = 1.5\nprint(list(filter(None, s)))\n';
    expect(run(text)[2]).toBe('p.py:2:1: filter() of a float is not supported by pymem run\n');
  });

  it('gives back every reference for, list(), sum(), next() and comprehensions take', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('3.8', '3.9', '3.10', '3.11', '3.12', '3.13'),
        fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 10 }),
        fc.constantFrom('for', 'list', 'sum', 'next', 'comprehension'),
        fc.boolean(),
        (python, items, consumer, filtering) => {
          const made = filtering ? 'filter(keep, xs)' : 'map(lambda a, b: a + b, xs, xs)';
          const consume: Record<string, string> = {
            for: `s = 0\nfor v in ${made}:\n    s += v\n`,
            list: `s = sum(list(${made}))\n`,
            sum: `s = sum(${made})\n`,
            next: `it = ${made}\ns = next(it, 0)\ndel it\n`,
            comprehension: `s = sum([v for v in ${made}])\n`,
          };
          const program = [
            'import sys',
            'def keep(x):',
            '    return x % 3',
            `xs = ${JSON.stringify(items)}`,
            'a = sys.getrefcount(xs)',
            'k = sys.getrefcount(keep)',
            consume[consumer],
            'print(s, sys.getrefcount(xs) - a, sys.getrefcount(keep) - k)',
          ].join('\n');
          const r = runPython(program, { python, filename: 'p.py' });
          const values = filtering ? items.filter((x) => x % 3 !== 0) : items.map((x) => 2 * x);
          const expected =
            consumer === 'next' ? (values[0] ?? 0) : values.reduce((x, y) => x + y, 0);
          expect([r.outcome, r.stdout]).toEqual(['ok', `${expected} 0 0\n`]);
          validateHeap(r.heap);
        },
      ),
      { numRuns: 40, seed: 14 },
    );
  });
});
