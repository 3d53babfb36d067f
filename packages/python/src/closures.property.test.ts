/**
 * Invariants of closures, parameters and comprehensions over random programs
 * (fast-check, fixed seeds), on every version:
 *
 *   1. validateHeap passes after every program (counts, blocks, tracking);
 *   2. once the program's names are deleted, the heap holds what the compiled
 *      program alone holds: every cell, closure tuple, `*args` tuple, `**kwargs` dict,
 *      kwnames tuple and comprehension function object (3.8–3.11) made along the way
 *      was freed;
 *   3. a closure reads the value its cell holds now (late binding): `get()` after
 *      `put(v)` is v.
 */
import { validateHeap } from '@pymem/objects';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPython } from './run.ts';

const PRELUDE = [
  'def box(v):',
  '    def get():',
  '        return v',
  '    def put(w):',
  '        nonlocal v',
  '        v = w',
  '    return get, put',
  'def spread(*args, scale=1, **kw):',
  '    return [a * scale for a in args], kw',
  'def deco(f):',
  '    calls = [0]',
  '    def wrapper(x):',
  '        calls[0] += 1',
  '        return f(x) + calls[0]',
  '    return wrapper',
].join('\n');

const NAMES = ['a', 'b', 'c'];

/** One random statement binding a, b or c. */
const statement = fc.oneof(
  fc
    .tuple(fc.constantFrom(...NAMES), fc.integer({ min: 0, max: 9 }), fc.nat(12))
    .map(([n, k, r]) => `${n} = [x * ${k} for x in range(${r}) if x % 2]`),
  fc
    .tuple(fc.constantFrom(...NAMES), fc.nat(20))
    .map(([n, r]) => `${n} = {x: [x] for x in range(${r})}`),
  fc
    .tuple(fc.constantFrom(...NAMES), fc.nat(6))
    .map(([n, r]) => `${n} = [[y for y in range(x)] for x in range(${r})]`),
  fc
    .tuple(fc.constantFrom(...NAMES), fc.integer({ min: 0, max: 5000 }))
    .map(([n, v]) => `${n}, put = box([${v}])\nput([${v}, ${v}])\n${n} = ${n}()\ndel put`),
  fc
    .tuple(fc.constantFrom(...NAMES), fc.nat(4), fc.nat(3))
    .map(
      ([n, k, s]) =>
        `${n} = spread(${[...Array(k).keys()].join(', ')}${k > 0 ? ', ' : ''}scale=${s}, tag=${n})`,
    ),
  fc
    .tuple(fc.constantFrom(...NAMES), fc.integer({ min: 0, max: 3000 }))
    .map(([n, v]) => `${n} = deco(lambda x: x * 2)(${v})`),
  fc
    .tuple(fc.constantFrom(...NAMES), fc.constantFrom(...NAMES))
    .map(([n, m]) => `${n} = spread(*[[${m}], [${m}]])`),
  fc
    .tuple(fc.constantFrom(...NAMES), fc.constantFrom(...NAMES), fc.nat(3))
    .map(([n, m, s]) => `${n} = spread([${m}], **{'scale': ${s}, 'extra': [${m}]})`),
  fc
    .tuple(fc.constantFrom(...NAMES), fc.constantFrom(...NAMES))
    .map(([n, m]) => `${n} = spread(*([${m}], [${m}]), **{'extra': [${m}]})`),
);

describe('closures and comprehensions', () => {
  for (const python of ['3.8', '3.10', '3.11', '3.12', '3.13']) {
    it(`leave nothing behind and keep the heap valid on ${python}`, () => {
      fc.assert(
        fc.property(fc.array(statement, { minLength: 1, maxLength: 25 }), (statements) => {
          const whole = ['a = 0', 'b = 0', 'c = 0', ...statements, 'del a, b, c'].join('\n');
          const run = runPython(`${PRELUDE}\n${whole}`, { python });
          expect(run.outcome, run.stderr).toBe('ok');
          validateHeap(run.heap);
          const compiledOnly = runPython(
            `${PRELUDE}\nif len([]) > 0:\n${whole.replace(/^/gm, '    ')}`,
            { python },
          );
          expect(compiledOnly.outcome, compiledOnly.stderr).toBe('ok');
          expect(run.heap.liveCount).toBe(compiledOnly.heap.liveCount);
          return true;
        }),
        { seed: 7200 + Number(python.split('.')[1]), numRuns: 40 },
      );
    });
  }

  it('reads a cell as it is now (late binding)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -10_000, max: 10_000 }), { minLength: 1 }),
        (values) => {
          const program = [
            PRELUDE,
            'get, put = box(None)',
            ...values.map((v) => `put(${v})`),
            'print(get())',
          ].join('\n');
          const run = runPython(program, { python: '3.12' });
          expect(run.stdout).toBe(`${values[values.length - 1]}\n`);
          return true;
        },
      ),
      { seed: 7300, numRuns: 30 },
    );
  });
});
