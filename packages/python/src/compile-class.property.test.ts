/**
 * Invariants of classes in a run, over random programs (fast-check, fixed seeds): the
 * instances, their dicts, bound methods and the class itself hold exactly the
 * references CPython's do, so
 *
 *   1. validateHeap passes after every program;
 *   2. once every name (the class's too) is deleted and gc.collect() ran, the heap
 *      holds the blocks the constants alone hold — cycles between instances included;
 *   3. a class's count is its name, its mro tuple, its two descriptors and one per
 *      live instance (type_new's references plus PyType_GenericAlloc's).
 */
import { validateHeap } from '@pymem/objects';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPython } from './run.ts';

const NAMES = ['a', 'b', 'c'];

const CLASS = [
  'class Node:',
  '    def __init__(self, v):',
  '        self.v = v',
  '    def get(self):',
  '        return self.v',
  '    def link(self, other):',
  '        self.other = other',
  '        return self',
].join('\n');

/** One random statement over the names a, b, c (each always bound to a Node). */
const statement = fc.oneof(
  fc
    .tuple(fc.constantFrom(...NAMES), fc.integer({ min: -300, max: 300 }))
    .map(([n, v]) => `${n} = Node(${v} * 1000)`),
  fc
    .tuple(fc.constantFrom(...NAMES), fc.constantFrom(...NAMES))
    .map(([n, m]) => `${n}.other = ${m}`),
  fc
    .tuple(fc.constantFrom(...NAMES), fc.constantFrom(...NAMES))
    .map(([n, m]) => `x = ${n}.link(${m})\ndel x`),
  fc.tuple(fc.constantFrom(...NAMES), fc.nat(300)).map(([n, v]) => `${n}.v = [${v}, ${n}.get()]`),
  fc.constantFrom(...NAMES).map((n) => `m = ${n}.get\nx = m()\ndel m, x`),
  fc.constantFrom(...NAMES).map((n) => `d = ${n}.__dict__\ndel d`),
  fc.constantFrom(...NAMES).map((n) => `print(sys.getsizeof(${n}), sys.getrefcount(${n}))`),
);

const HEADER = ['import gc', 'import sys', 'gc.disable()', 'gc.collect()'];

/** The program, or (`compiledOnly`) the same program compiled but never run. */
function run(python: string, statements: readonly string[], tail: string, compiledOnly = false) {
  const body = [CLASS, 'a = Node(1)', 'b = Node(2)', 'c = Node(3)', ...statements, tail].join('\n');
  // Compiled only: the test's own list is freed, and a full collection empties the free lists.
  const program = compiledOnly
    ? `if len([]) > 0:\n${body.replace(/^/gm, '    ')}\ngc.collect()`
    : body;
  return runPython([...HEADER, program].join('\n'), { python });
}

describe('classes in runPython', () => {
  for (const python of ['3.8', '3.11', '3.13']) {
    it(`leaks nothing, cycles included, and keeps the heap valid on ${python}`, () => {
      fc.assert(
        fc.property(fc.array(statement, { minLength: 1, maxLength: 30 }), (drawn) => {
          // 3.13 refuses gc.collect() after a __dict__ read (class-dunders.ts markDictRead).
          const statements =
            python === '3.13' ? drawn.filter((s) => !s.includes('__dict__')) : drawn;
          const tail = 'del a, b, c\ngc.collect()\ndel Node\ngc.collect()';
          const done = run(python, statements, tail);
          expect(done.outcome, done.stderr).toBe('ok');
          validateHeap(done.heap);
          const compiledOnly = run(python, statements, tail, true);
          expect(compiledOnly.outcome, compiledOnly.stderr).toBe('ok');
          // Blocks, not objects: names read at run time add block-less interned strs.
          expect(done.heap.blocks.size).toBe(compiledOnly.heap.blocks.size);
          return true;
        }),
        { seed: 7200 + Number(python.split('.')[1]), numRuns: 30 },
      );
    });

    it(`counts one reference to the class per live instance on ${python}`, () => {
      fc.assert(
        fc.property(fc.array(statement, { minLength: 1, maxLength: 30 }), (drawn) => {
          const statements =
            python === '3.13' ? drawn.filter((s) => !s.includes('__dict__')) : drawn;
          const counted = run(python, statements, 'gc.collect()\nprint(sys.getrefcount(Node) - 5)');
          expect(counted.outcome, counted.stderr).toBe('ok');
          const heap = counted.heap;
          let instances = 0;
          heap.forEachTracked((o) => {
            if (heap.typeOf(o) === 'instance') instances++;
          });
          expect(Number(counted.stdout.trim().split('\n').pop())).toBe(instances);
          return true;
        }),
        { seed: 7300 + Number(python.split('.')[1]), numRuns: 20 },
      );
    });
  }
});
