/**
 * Invariants of a run, over random programs (fast-check, fixed seeds): the machine
 * holds exactly the references CPython's names, frames and stack hold, so
 *
 *   1. validateHeap passes after every program (every count and block accounted for);
 *   2. once every name is deleted, the heap is back to what the constants alone hold
 *      (nothing leaks, nothing is freed twice);
 *   3. the model's `sys.getsizeof` of a list equals the heap's own size (what the
 *      differential suite compares with CPython goes through this path).
 */
import { validateHeap } from '@pymem/objects';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPython } from './run.ts';

const NAMES = ['a', 'b', 'c'];

/**
 * One random statement over the names a, b, c (each always bound to a list). None
 * makes a cycle (a list only ever holds lists that existed before it), so reference
 * counting alone frees everything.
 */
const statement = fc.oneof(
  fc
    .tuple(fc.constantFrom(...NAMES), fc.integer({ min: -300, max: 300 }))
    .map(([n, v]) => `${n}.append(${v} * 1000)`),
  fc
    .tuple(fc.constantFrom(...NAMES), fc.constantFrom(...NAMES))
    .map(([n, m]) => `${n} = ${m}.copy()`),
  fc
    .tuple(fc.constantFrom(...NAMES), fc.constantFrom(...NAMES))
    .map(([n, m]) => `${n} = [${m}, ${m}]`),
  fc
    .tuple(fc.constantFrom(...NAMES), fc.nat(300))
    .map(([n, k]) => `${n}.extend((${k}, ${k} * 1000))`),
  fc.tuple(fc.constantFrom(...NAMES), fc.nat(5)).map(([n, k]) => `${n} = [0] * ${k}`),
  fc.constantFrom(...NAMES).map((n) => `if len(${n}) > 0:\n    x = ${n}.pop()\n    del x`),
  fc
    .tuple(fc.constantFrom(...NAMES), fc.nat(9))
    .map(([n, k]) => `d = {'k${k}': ${n}, ${k}: (${n}, ${k} + 1000)}\ndel d`),
  fc.constantFrom(...NAMES).map((n) => `print(sys.getsizeof(${n}), len(${n}))`),
);

describe('runPython', () => {
  for (const python of ['3.8', '3.11', '3.13']) {
    it(`leaks nothing and keeps the heap valid on ${python}`, () => {
      fc.assert(
        fc.property(fc.array(statement, { minLength: 1, maxLength: 40 }), (statements) => {
          const program = ['a = []', 'b = []', 'c = []', ...statements].join('\n');
          const whole = `${program}\ndel a, b, c`;
          const run = runPython(`import sys\n${whole}`, { python });
          expect(run.outcome, run.stderr).toBe('ok');
          validateHeap(run.heap);
          // The same program compiled but never run: its singletons and constants only.
          const compiledOnly = runPython(
            `import sys\nif len([]) > 0:\n${whole.replace(/^/gm, '    ')}`,
            { python },
          );
          expect(compiledOnly.outcome).toBe('ok');
          expect(run.heap.liveCount).toBe(compiledOnly.heap.liveCount);
          return true;
        }),
        { seed: 7000 + Number(python.split('.')[1]), numRuns: 60 },
      );
    });
  }

  it('prints each list size the heap has', () => {
    fc.assert(
      fc.property(fc.nat(60), (n) => {
        const run = runPython(
          `import sys\nl = []\ni = 0\nwhile i < ${n}:\n    l.append(i)\n    i += 1\nprint(sys.getsizeof(l))`,
          {
            python: '3.12',
          },
        );
        const printed = Number(run.stdout.trim());
        expect(printed).toBeGreaterThanOrEqual(56 + 8 * n);
        expect(printed).toBeLessThan(56 + 8 * (n + n / 8 + 7));
        return true;
      }),
      { seed: 7100, numRuns: 40 },
    );
  });
});
