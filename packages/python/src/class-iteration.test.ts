/**
 * Iterating instances whose `__iter__` is a generator method or returns a builtin
 * iterator (class-iteration.ts): what is refused or raised, and the law that every
 * reference the iteration takes is given back. Real CPython's output for each is
 * checked by the `it_iter_*` differential programs.
 */
import { validateHeap } from '@pymem/objects';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPython } from './run.ts';

function run(program: string, python = '3.12'): [string, string, string] {
  const r = runPython(program, { python, filename: 'p.py' });
  return [r.outcome, r.stdout, r.stderr];
}

describe('iterating instances', () => {
  it('refuses an __iter__ returning an instance without __next__, raises for a non-iterator', () => {
    const next =
      'class A:\n    def __iter__(self):\n        return self\nfor x in A():\n    pass\n';
    expect(run(next)[2]).toBe(
      'p.py:4:1: an __iter__ returning an instance without __next__ is not supported by pymem run\n',
    );
    const list = 'class A:\n    def __iter__(self):\n        return [1]\nprint(list(A()))\n';
    const [outcome, , stderr] = run(list, '3.8');
    expect(outcome).toBe('error');
    expect(stderr.trim().split('\n').at(-1)).toBe(
      "TypeError: iter() returned non-iterator of type 'list'",
    );
  });

  it('gives back every reference a for loop, list(), sum() and iter() take', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('3.8', '3.9', '3.10', '3.11', '3.12', '3.13'),
        fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 12 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 12 }),
        (python, items, generator, breakAt) => {
          const iter = generator
            ? ['    def __iter__(self):', '        for x in self.items:', '            yield x']
            : ['    def __iter__(self):', '        return iter(self.items)'];
          const program = [
            'import sys',
            'class Bag:',
            '    def __init__(self, items):',
            '        self.items = items',
            ...iter,
            `b = Bag(${JSON.stringify(items)})`,
            'a = sys.getrefcount(b)',
            's = 0',
            'for x in b:',
            `    if s == ${breakAt}:`,
            '        break',
            '    s += 1',
            'kept = list(b)',
            'it = iter(b)',
            'print(sum(b), len(kept), sys.getrefcount(b) - a)',
            'del it',
            'print(sys.getrefcount(b) - a)',
          ].join('\n');
          const r = runPython(program, { python, filename: 'p.py' });
          const total = items.reduce((x, y) => x + y, 0);
          // A generator's frame holds the instance until the generator is released.
          const held = generator ? 1 : 0;
          expect([r.outcome, r.stdout]).toEqual(['ok', `${total} ${items.length} ${held}\n0\n`]);
          validateHeap(r.heap);
        },
      ),
      { numRuns: 40, seed: 14 },
    );
  });
});
