/**
 * 3.14's borrowed local loads (LOAD_FAST_BORROW) on generated programs: calls that pass
 * locals, parameters and fresh objects along, with other loads waiting beside them, and
 * `sys.getrefcount` at the end of the chain — run in Pyodide (CPython 3.14.2) and on the
 * model's 3.14 profile (4-byte pointers). The model prints what CPython prints or
 * refuses (exit 2); most programs must not be refused. SEED and RUNS in the environment
 * try other programs (`SEED=7 RUNS=500 pnpm vitest run tests/borrowed-loads.test.ts`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Heap } from '@pymem/objects';
import { runPython } from '@pymem/python';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { type PyodideRun, startPyodide } from './scripts/pyodide-run.ts';

const PRELUDE = `import sys
def count(a):
    return sys.getrefcount(a)
def relay(a):
    return count(a)
def pair(a, b):
    return sys.getrefcount(a) * 10 + sys.getrefcount(b)
def keyed(*, a):
    return sys.getrefcount(a)
def spread(*args):
    return sys.getrefcount(args[0])
class Box:
    def peek(self, o):
        return sys.getrefcount(o)
    def me(self):
        return sys.getrefcount(self)
`;

/** A value a function body can load: two plain locals, a parameter, a fresh list. */
const value = fc.constantFrom('x', 'y', 'p', '[]');
/** An expression that ends in sys.getrefcount of `v`. */
const probe = (v: string) =>
  fc.constantFrom(
    `sys.getrefcount(${v})`,
    `count(${v})`,
    `relay(${v})`,
    `keyed(a=${v})`,
    `spread(${v})`,
    `count(a=${v})`,
    `Box().peek(${v})`,
    `box.peek(${v})`,
    `Box.peek(box, ${v})`,
    `bound(${v})`,
    `box.me() + 0 * len(${v})`,
  );
/** The probe with other loads waiting beside it (or a jump ending their block). */
const expression = fc.tuple(value, value, fc.integer({ min: 0, max: 6 })).chain(([v, w, shape]) =>
  probe(v).map((e) => {
    switch (shape) {
      case 0:
        return e;
      case 1:
        return `[${w}, ${e}][1]`;
      case 2:
        return `(${w}, ${w}, ${e})[2]`;
      case 3:
        return `[${w}, ${e} or 0][1]`;
      case 4:
        return `[${w}, ${e} if ${w} else 0][1]`;
      case 5:
        return `pair(${w}, ${v})`;
      default:
        return `len(${w}) + ${e}`;
    }
  }),
);
/** A function body: locals made, some printed probes, maybe a rebinding between them. */
const program = fc
  .record({
    lines: fc.array(
      fc.oneof(
        { weight: 4, arbitrary: expression.map((e) => `    print(${e})`) },
        {
          weight: 2,
          arbitrary: fc.constantFrom(
            '    y = None',
            '    y = p',
            '    z = x',
            '    y, z = p, x',
            '    y += []',
            '    try:\n        {}[0]\n    except KeyError:\n        print(count(p), sys.getrefcount(y))',
            '    for z in (p, x):\n        print(count(z))',
          ),
        },
      ),
      { minLength: 1, maxLength: 6 },
    ),
    argument: fc.constantFrom('g', '[]'),
    viaFunction: fc.boolean(),
  })
  .map(({ lines, argument, viaFunction }) => {
    const body = [
      'def f(p):',
      '    x = [1]',
      '    y = x',
      '    box = Box()',
      '    bound = box.peek',
      ...lines,
    ].join('\n');
    const call = viaFunction
      ? `def outer():\n    h = [2]\n    f(h)\n    f(${argument === 'g' ? 'h' : '[]'})\nouter()`
      : `g = [3]\nf(${argument})`;
    return `${PRELUDE}${body}\n${call}\n`;
  });

let pyodide: PyodideRun | null | undefined;
const dir = mkdtempSync(join(tmpdir(), 'pymem-borrow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('3.14 borrowed loads on generated programs', () => {
  it('print what Pyodide 3.14.2 prints, or refuse', async () => {
    pyodide ??= await startPyodide();
    if (pyodide === null) return;
    const run = pyodide;
    let refused = 0;
    let total = 0;
    fc.assert(
      fc.property(program, (source) => {
        total++;
        writeFileSync(join(dir, 'p.py'), source);
        const truth = run.run(dir, 'p.py', false, dir);
        const model = runPython(source, {
          python: '3.14',
          filename: 'p.py',
          heap: new Heap({ profile: '3.14', pointerSize: 4 }),
        });
        if (model.outcome === 'unsupported') {
          refused++;
          if (process.env.WHY)
            process.stdout.write(`REFUSED ${model.stderr.split(': ').slice(1).join(': ')}`);
          expect(truth.stdout.startsWith(model.stdout)).toBe(true);
          return;
        }
        expect({ source, stdout: model.stdout }).toEqual({ source, stdout: truth.stdout });
      }),
      { numRuns: Number(process.env.RUNS ?? 100), seed: Number(process.env.SEED ?? 314) },
    );
    // The analysis settles most loads: a refusal is the exception.
    process.stdout.write(`borrowed loads: ${total} generated programs, ${refused} refused\n`);
    expect(refused).toBeLessThan(total / 4);
  }, 120_000);
});
