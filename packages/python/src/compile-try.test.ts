/**
 * `try` / `raise` on the model: what a run prints and how it ends for the shapes the
 * differential programs do not spell out one by one — the refusals (each a fact the
 * model cannot vouch for), the chained traceback text, and the heap after a handler.
 * The printed values here were checked against CPython 3.8.18 and 3.12.1.
 */
import { validateHeap } from '@pymem/objects';
import { describe, expect, it } from 'vitest';
import { runPython } from './run.ts';

function run(program: string, python = '3.12'): [string, string, string] {
  const r = runPython(program, { python, filename: 'p.py' });
  return [r.outcome, r.stdout, r.stderr];
}

describe('try statements', () => {
  it('frees a caught exception, its args and its message at the end of the handler', () => {
    for (const python of ['3.8', '3.9', '3.12']) {
      const r = runPython('try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    pass\n', {
        python,
      });
      expect(r.outcome).toBe('ok');
      validateHeap(r.heap);
      const baseline = runPython('x = 1\ndel x\n', { python });
      // The heap keeps only the module frame tracebacks point at (and its frame object).
      expect(r.heap.liveCount - baseline.heap.liveCount).toBeLessThanOrEqual(1);
    }
  });

  it('prints the context of an exception raised while handling another', () => {
    expect(run('try:\n    [][1]\nexcept IndexError:\n    raise ValueError("v")\n', '3.8')).toEqual([
      'error',
      '',
      [
        'Traceback (most recent call last):',
        '  File "p.py", line 2, in <module>',
        '    [][1]',
        'IndexError: list index out of range',
        '',
        'During handling of the above exception, another exception occurred:',
        '',
        'Traceback (most recent call last):',
        '  File "p.py", line 4, in <module>',
        '    raise ValueError("v")',
        'ValueError: v',
        '',
      ].join('\n'),
    ]);
  });

  it('prints a cause that was never raised without a traceback', () => {
    expect(run('raise KeyError("k") from TypeError("t")\n')[2]).toBe(
      [
        'TypeError: t',
        '',
        'The above exception was the direct cause of the following exception:',
        '',
        'Traceback (most recent call last):',
        '  File "p.py", line 1, in <module>',
        '    raise KeyError("k") from TypeError("t")',
        "KeyError: 'k'",
        '',
      ].join('\n'),
    );
  });

  it('keeps the frames a kept exception refers to, and finds the cycle through them', () => {
    // Checked against CPython 3.8.18–3.13.0: `0 5` then `5 2` (e, its args, its
    // traceback, the frame object, local_list).
    const program = [
      'import gc',
      'import sys',
      'gc.collect()',
      'big = [1, 2, 3]',
      'def keep(data):',
      '    local_list = [data, data]',
      '    try:',
      '        raise ValueError(len(data))',
      '    except ValueError as e:',
      '        saved = e',
      '    return 0',
      'print(keep(big), sys.getrefcount(big))',
      'print(gc.collect(), sys.getrefcount(big))',
      '',
    ].join('\n');
    for (const python of ['3.8', '3.10', '3.11', '3.13']) {
      const r = runPython(program, { python });
      expect(r.stdout).toBe('0 5\n5 2\n');
      validateHeap(r.heap);
    }
  });

  it('refuses what it cannot vouch for, at the statement', () => {
    expect(run('try:\n    1 / 0\nexcept ZeroDivisionError:\n    pass\nprint(id(1) > 0)\n')[2]).toBe(
      'p.py:5:1: id() after an exception was caught is not supported by pymem run\n',
    );
    // 3.10+ NameErrors hold the name; caught, nothing of the hint shows.
    expect(run('try:\n    x\nexcept NameError as e:\n    print(e.name)\n', '3.10')).toEqual([
      'ok',
      'x\n',
      '',
    ]);
    expect(run('try:\n    pass\nexcept* ValueError:\n    pass\n')[0]).toBe('unsupported');
    expect(run('class E(StopIteration):\n    pass\nraise E\n')[0]).toBe('unsupported');
    expect(run('try:\n    pass\nexcept len:\n    pass\n')[2]).toBe(
      'p.py:3:8: an except clause other than exception classes is not supported by pymem run\n',
    );
    expect(
      run('def g():\n    raise\ntry:\n    1 / 0\nexcept ZeroDivisionError:\n    g()\n')[2],
    ).toBe(
      'p.py:2:5: re-raising an exception outside the call that caught it is not supported by pymem run\n',
    );
  });
});
