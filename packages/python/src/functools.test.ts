/**
 * `import functools` on `pymem run` (module-functools.ts): reduce and partial give the
 * values Python gives for any list, and leave every count where it was; the refusals
 * name what is not modelled. Counts, sizes and release order against CPython are
 * checked by the ft_* differential programs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPython } from './run.ts';

function run(program: string, python = '3.12'): [string, string, string] {
  const r = runPython(program, { python, filename: 'p.py' });
  return [r.outcome, r.stdout, r.stderr];
}

describe('functools.reduce and functools.partial', () => {
  it('fold any list as Python does, and give back every reference', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('3.8', '3.10', '3.12', '3.13'),
        fc.array(fc.integer({ min: -5000, max: 5000 }), { maxLength: 6 }),
        fc.integer({ min: 1000, max: 9000 }),
        (python, xs, start) => {
          const program = [
            'import functools',
            'import sys',
            'def add(a, b):',
            '    return a + b',
            `xs = [${xs.map((x) => `${x} * k`).join(', ')}]`.replace('xs = [', 'k = 3\nxs = ['),
            `s = ${start} * k`,
            'print(functools.reduce(add, xs, s), sys.getrefcount(s), sys.getrefcount(xs))',
            'p = functools.partial(add, s)',
            'print([p(x) for x in xs], sys.getrefcount(s), sys.getrefcount(p))',
            'del p',
            'print(sys.getrefcount(s))',
          ].join('\n');
          const total = 3 * (start + xs.reduce((a, b) => a + b, 0));
          const mapped = xs.map((x) => 3 * start + 3 * x);
          const [outcome, stdout] = run(`${program}\n`, python);
          expect(outcome).toBe('ok');
          // Of an empty list, reduce returns `s` itself, still on the stack while getrefcount runs.
          const held = xs.length === 0 ? 3 : 2;
          expect(stdout).toBe(`${total} ${held} 2\n[${mapped.join(', ')}] 3 2\n2\n`);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('raise reduce’s TypeError on an empty list, worded per version', () => {
    const program = 'import functools\nfunctools.reduce(lambda a, b: a, [])\n';
    expect(run(program, '3.9')[2]).toContain('reduce() of empty sequence with no initial value');
    expect(run(program, '3.10')[2]).toContain('reduce() of empty iterable with no initial value');
  });

  it('refuse keywords on 3.14 and to the call, nested partials and callables other than functions', () => {
    expect(
      run('import functools\ndef f(a, b=1):\n    return a\nfunctools.partial(f, b=2)\n', '3.14')[2],
    ).toBe(
      'p.py:4:1: keyword arguments to functools.partial() on 3.14 (not measured) is not supported by pymem run\n',
    );
    expect(
      run(
        'import functools\ndef f(a, b):\n    return a\nfunctools.partial(functools.partial(f, 1), 2)\n',
      )[2],
    ).toContain('functools.partial() of a partial other than a function');
    expect(run('import functools\nprint(functools.reduce(max, [1, 2]))\n')[0]).toBe('unsupported');
  });
});
