/**
 * Exceptions over random programs (fast-check, fixed seeds): nested try / except /
 * else / finally blocks raising at random points (explicit raises, failing lookups,
 * errors leaving a function whose locals hold lists, bare re-raises), so that
 *
 *   1. validateHeap passes after every program;
 *   2. once every name is deleted and gc.collect() ran, the heap holds what a run of the
 *      same program that only raised and caught one exception holds: no exception,
 *      traceback-held local or frame, handler reference or unwound temporary is left
 *      behind (exceptions kept in a returning function's locals are cycles through
 *      their frames: the collector frees them), nothing freed twice.
 */
import { validateHeap } from '@pymem/objects';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPython } from './run.ts';

const indent = (text: string): string => text.replace(/^/gm, '    ');
const block = (statements: string[]): string => indent(statements.join('\n'));

const simple = fc.oneof(
  fc.constantFrom('a', 'b', 'c').map((n) => `${n}.append(len(${n}))`),
  fc.tuple(fc.constantFrom('a', 'b'), fc.nat(4)).map(([n, k]) => `x = ${n}[${k}]`),
  fc.constantFrom('x = d["k"]', 'x = d["missing"]', 'x = [a, b] + [c[9]]'),
  fc.constantFrom('raise ValueError(a, "v")', 'raise KeyError(b)', 'raise IndexError'),
  fc.constantFrom(
    'fail(a)',
    'x = fail(c) + 1',
    'x = 1 / len([])',
    'x = keep(b)',
    'kept.append(keep(a))',
  ),
);

const CLAUSES = [
  'except ValueError',
  'except (KeyError, IndexError) as e',
  'except LookupError',
  'except Exception as e',
  'except',
];

const statement = fc.letrec<{ stmt: string; handler: string; try: string }>((tie) => ({
  stmt: fc.oneof({ maxDepth: 3, depthIdentifier: 'try' }, simple, simple, tie('try')),
  handler: fc.oneof(tie('stmt'), fc.constant('raise')),
  try: fc
    .tuple(
      fc.array(tie('stmt'), { minLength: 1, maxLength: 3 }),
      fc.array(
        fc.tuple(
          fc.constantFrom(...CLAUSES),
          fc.array(tie('handler'), { minLength: 1, maxLength: 2 }),
        ),
        {
          maxLength: 2,
        },
      ),
      fc.option(fc.array(tie('stmt'), { minLength: 1, maxLength: 2 })),
      fc.option(fc.array(tie('stmt'), { minLength: 1, maxLength: 2 })),
    )
    .map(([body, clauses, orElse, final]) => {
      const lines = [`try:\n${block(body)}`];
      for (const [clause, handler] of clauses) lines.push(`${clause}:\n${block(handler)}`);
      if (clauses.length > 0 && orElse !== null) lines.push(`else:\n${block(orElse)}`);
      if (clauses.length === 0 || final !== null)
        lines.push(`finally:\n${block(final ?? ['x = 0'])}`);
      return lines.join('\n');
    }),
})).stmt;

const PRELUDE = 'import gc\ngc.collect()\ntry:\n    raise ValueError\nexcept ValueError:\n    pass';
const SETUP = [
  'import gc',
  'def fail(p):',
  '    held = [p, [p]]',
  '    return p[100]',
  'def keep(p):',
  '    try:',
  '        return fail(p)',
  '    except IndexError as e:',
  '        saved = [e, p]',
  '    return len(saved)',
  'kept = []',
  'a = [1]',
  'b = [2, 3]',
  'c = []',
  'd = {"k": a}',
  'x = 0',
];

describe('exceptions in runPython', () => {
  for (const python of ['3.8', '3.10', '3.11', '3.13']) {
    it(`leak nothing and keep the heap valid on ${python}`, () => {
      fc.assert(
        fc.property(fc.array(statement, { minLength: 1, maxLength: 6 }), (statements) => {
          const body = `try:\n${block(statements)}\nexcept BaseException:\n    pass`;
          const whole = [
            ...SETUP,
            body,
            'del a, b, c, d, x, fail, keep, kept',
            'gc.collect()',
          ].join('\n');
          const run = runPython(`${PRELUDE}\n${whole}`, { python });
          expect(run.outcome, run.stderr).toBe('ok');
          validateHeap(run.heap);
          const baseline = runPython(`${PRELUDE}\nif len([]) > 0:\n${indent(whole)}`, { python });
          expect(baseline.outcome).toBe('ok');
          expect(run.heap.liveCount).toBe(baseline.heap.liveCount);
          return true;
        }),
        { seed: 1400 + Number(python.split('.')[1]), numRuns: 40 },
      );
    });
  }
});
