/**
 * `@functools.wraps(f)` on `pymem run` (compile-wraps.ts, function-attributes.ts): any
 * chain of wrapping decorators shows the innermost function's names, each wrapper holds
 * the function below it once more through its `__dict__`, and deleting the chain gives
 * every reference back; the refusals name what is not modelled. Counts and sizes against
 * CPython are checked by the fw_* differential programs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPython } from './run.ts';

function run(program: string, python = '3.12'): [string, string, string] {
  const r = runPython(program, { python, filename: 'p.py' });
  return [r.outcome, r.stdout, r.stderr];
}

const DECO = [
  'import functools',
  'import sys',
  'def deco(f):',
  '    @functools.wraps(f)',
  '    def inner(*a):',
  '        return f(*a)',
  '    return inner',
];

describe('functools.wraps', () => {
  it('wraps any number of times: names copied, one more reference per wrapper', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('3.8', '3.10', '3.11', '3.12', '3.13'),
        fc.integer({ min: 1, max: 5 }),
        (python, depth) => {
          const program = [
            ...DECO,
            'def base(x):',
            '    """The base."""',
            '    return x + 1',
            'w = base',
            ...Array.from({ length: depth }, () => 'w = deco(w)'),
            'print(w(41), w.__name__, w.__qualname__, w.__doc__, len(w.__dict__))',
            // Held by its name, the first wrapper's cell and dict, and the argument.
            'print(sys.getrefcount(base))',
            'v = w',
            'n = 0',
            'while v is not base:',
            '    v = v.__wrapped__',
            '    n += 1',
            'print(n)',
            'del w, v',
            'print(sys.getrefcount(base), len(base.__dict__))',
          ].join('\n');
          const [outcome, stdout, stderr] = run(`${program}\n`, python);
          expect(stderr).toBe('');
          expect(outcome).toBe('ok');
          expect(stdout).toBe(`42 base base The base. 1\n4\n${depth}\n2 0\n`);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('reads the names of functions that were never wrapped', () => {
    const program =
      'def outer():\n    def f():\n        pass\n    return f\ng = outer()\nprint(g.__name__, g.__qualname__, g.__doc__, g.__module__)\n';
    expect(run(program)).toEqual(['ok', 'f outer.<locals>.f None __main__\n', '']);
  });

  it('raises AttributeError for a missing attribute (3.10+: no name near enough, measured)', () => {
    const program = 'def f():\n    pass\nf.__wrapped__\n';
    const missing = "AttributeError: 'function' object has no attribute '__wrapped__'";
    expect(run(program, '3.9')[2]).toContain(`${missing}\n`);
    for (const python of ['3.10', '3.13'])
      expect(run(program, python)[2]).toContain(`${missing}\n`);
  });

  it('refuses wraps other than as a decorator, with arguments it does not model, or traced', () => {
    const refusal = (program: string) => run(`${DECO.slice(0, 2).join('\n')}\n${program}`)[2];
    expect(refusal('def f():\n    pass\ng = functools.wraps(f)\n')).toBe(
      'p.py:5:5: functools.wraps is not supported by pymem run\n',
    );
    expect(
      refusal('def f():\n    pass\n@functools.wraps(f, assigned=())\ndef g():\n    pass\n'),
    ).toBe('p.py:5:1: functools.wraps() with keyword arguments is not supported by pymem run\n');
    expect(
      refusal('import tracemalloc\ndef f():\n    pass\n@functools.wraps(f)\ndef g():\n    pass\n'),
    ).toContain('functools.wraps in a program that traces allocations is not supported');
    expect(refusal('def f():\n    """a\n    b"""\nprint(f.__doc__)\n')).toContain(
      'a multi-line docstring',
    );
    expect(run('def f():\n    "doc"\nprint(f.__doc__)\n')[2]).toContain(
      'the __doc__ of a function before a library import is not supported',
    );
  });
});
