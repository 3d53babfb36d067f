/**
 * runPython's contract for what it does not model: one line naming the construct and
 * where it is (the construct at compile time, the running statement at run time),
 * nothing printed that CPython would not print, and the step limit.
 */
import { describe, expect, it } from 'vitest';
import { runPython } from './run.ts';

function refusal(program: string, python = '3.12'): [string, string, string] {
  const run = runPython(program, { python, filename: 'p.py' });
  return [run.outcome, run.stdout, run.stderr];
}

describe('runPython refusals', () => {
  it('names a construct outside the subset before running anything', () => {
    expect(refusal('print(1)\nsquares = [i * i for i in range(3)]\n')).toEqual([
      'unsupported',
      '',
      'p.py:2:11: a list comprehension is not supported by pymem run\n',
    ]);
    expect(refusal('class C:\n    pass\n')[2]).toBe(
      "p.py:1:1: the statement 'class C:' is not supported by pymem run\n",
    );
    expect(refusal('import os\n')[2]).toBe(
      'p.py:1:1: import of module os is not supported by pymem run\n',
    );
  });

  it('stops at the running statement when a value is outside the model, after what was printed', () => {
    expect(refusal('x = 1\nprint(x)\nif x:\n    for c in {x, 2}:\n        print(c)\n')).toEqual([
      'unsupported',
      '1\n',
      'p.py:4:5: a for loop over a set is not supported by pymem run\n',
    ]);
    expect(refusal('import sys\nprint(sys.getrefcount(None))\n', '3.11')[2]).toBe(
      'p.py:2:1: sys.getrefcount of a cached object before 3.12 is not supported by pymem run\n',
    );
  });

  it('refuses a builtin it does not have rather than raising a NameError CPython would not', () => {
    for (const python of ['3.8', '3.9', '3.13'])
      expect(refusal('print(1)\ns = frozenset()\n', python)[2]).toBe(
        "p.py:2:5: the builtin 'frozenset' is not supported by pymem run\n",
      );
    expect(refusal('print(map)\nmap = 1\n')).toEqual([
      'unsupported',
      '',
      "p.py:1:1: the builtin 'map' is not supported by pymem run\n",
    ]);
    expect(refusal('map = [2, 1]\nprint(map)\n')).toEqual(['ok', '[2, 1]\n', '']);
  });

  it('ends a runaway loop at maxSteps', () => {
    const run = runPython('n = 0\nwhile True:\n    n += 1\n', { maxSteps: 1000 });
    expect(run.outcome).toBe('step-limit');
    expect(run.steps).toBe(1001);
  });
});
