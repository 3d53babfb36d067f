/**
 * An exception of a program class leaving a `with` body. Expected values were
 * measured on CPython 3.8.18, 3.11.7 and 3.13.0 (tests/programs/run/ux_exc_with_exit.py
 * checks them live on every version).
 */
import { validateHeap } from '@pymem/objects';
import { describe, expect, it } from 'vitest';
import { runPython } from './run.ts';

const GUARD = [
  'import sys',
  'class E(Exception):',
  '    pass',
  'class Guard:',
  '    def __init__(self, swallow):',
  '        self.swallow = swallow',
  '    def __enter__(self):',
  '        return self',
  '    def __exit__(self, t, v, tb):',
  '        print(t is E, sys.getrefcount(v), sys.getrefcount(tb), sys.getrefcount(t))',
  '        return self.swallow',
];

function run(lines: string[], python: string): ReturnType<typeof runPython> {
  const result = runPython(lines.join('\n'), { python, filename: 'prog.py' });
  validateHeap(result.heap);
  return result;
}

describe('an exception leaving a with statement', () => {
  it("passes (type, value, traceback) with CPython's counts and suppresses on a true result", () => {
    const program = [
      ...GUARD,
      'with Guard(True):',
      '    raise E("x")',
      'print(sys.getrefcount(E))',
    ];
    // Measured: the traceback is also on 3.8–3.10's exc_info and value stack, and so is
    // the type (8 vs 6).
    expect(run(program, '3.8').stdout).toBe('True 4 5 8\n4\n');
    expect(run(program, '3.10').stdout).toBe('True 4 5 8\n4\n');
    expect(run(program, '3.11').stdout).toBe('True 4 3 6\n4\n');
    expect(run(program, '3.13').stdout).toBe('True 4 3 6\n4\n');
  });

  it('re-raises on a false result, with the traceback of the body', () => {
    const program = [
      ...GUARD,
      'def f():',
      '    with Guard(0):',
      '        raise E(1)',
      'try:',
      '    f()',
      'except E as e:',
      '    print(repr(e), sys.getrefcount(E))',
      'f()',
    ];
    const result = run(program, '3.12');
    expect(result.outcome).toBe('error');
    expect(result.stdout).toBe('True 4 3 6\nE(1) 5\nTrue 4 3 6\n');
    expect(result.stderr).toBe(
      [
        'Traceback (most recent call last):',
        '  File "prog.py", line 19, in <module>',
        '    f()',
        '  File "prog.py", line 14, in f',
        '    raise E(1)',
        'E: 1',
        '',
      ].join('\n'),
    );
  });

  it("gives __exit__ a builtin exception's class: its static type object", () => {
    const program = [
      'class Check:',
      '    def __enter__(self):',
      '        return self',
      '    def __exit__(self, t, v, tb):',
      '        print(t, t is ZeroDivisionError, type(v) is t)',
      '        return True',
      'with Check():',
      '    x = 1 // 0',
    ];
    for (const python of ['3.8', '3.11', '3.13']) {
      const result = run(program, python);
      expect(result.outcome, result.stderr).toBe('ok');
      expect(result.stdout).toMatch(/<class 'ZeroDivisionError'> True True\n$/);
    }
  });
});
