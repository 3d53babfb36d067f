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
    expect(refusal('print(1)\nasync def f():\n    pass\n')).toEqual([
      'unsupported',
      '',
      'p.py:2:1: an async function is not supported by pymem run\n',
    ]);
    expect(refusal('class C:\n    "d\u00e9j\u00e0 vu"\n')[2]).toBe(
      'p.py:2:5: a class docstring beyond ASCII (its UTF-8 copy) is not supported by pymem run\n',
    );
    expect(refusal('import os\n')[2]).toBe(
      'p.py:1:1: import of module os (import os) is not supported by pymem run\n',
    );
  });

  it('stops at the running statement when a value is outside the model, after what was printed', () => {
    expect(refusal("x = 'a'\nprint(x)\nif x:\n    for c in {x, 'b'}:\n        print(c)\n")).toEqual(
      [
        'unsupported',
        'a\n',
        'p.py:4:5: the iteration order of a set holding a str is not supported by pymem run\n',
      ],
    );
    expect(refusal('import sys\nprint(sys.getrefcount(None))\n', '3.11')[2]).toBe(
      'p.py:2:1: sys.getrefcount of a cached object before 3.12 is not supported by pymem run\n',
    );
    // A constant tuple is not immortal on 3.12/3.13, and the AST arena holds it too.
    for (const python of ['3.12', '3.13'])
      expect(refusal('import sys\nt = (1, 2)\nprint(sys.getrefcount(t))\n', python)[2]).toBe(
        'p.py:3:1: sys.getrefcount of a code constant is not supported by pymem run\n',
      );
  });

  it('refuses a builtin it does not have rather than raising a NameError CPython would not', () => {
    for (const python of ['3.8', '3.9', '3.13'])
      expect(refusal('print(1)\ns = memoryview(b"")\n', python)[2]).toBe(
        "p.py:2:5: the builtin 'memoryview' is not supported by pymem run\n",
      );
    expect(refusal('print(open)\nopen = 1\n')).toEqual([
      'unsupported',
      '',
      "p.py:1:1: the builtin 'open' is not supported by pymem run\n",
    ]);
    expect(refusal('open = [2, 1]\nprint(open)\n')).toEqual(['ok', '[2, 1]\n', '']);
  });

  it('refuses what functions and comprehensions do not model yet, before running', () => {
    expect(
      refusal('print(1)\ndef f():\n    i = 0\n    return [lambda: i for i in range(3)]\n')[2],
    ).toBe(
      "p.py:2:1: a comprehension variable 'i' that a function inside it uses and this scope binds too is not supported by pymem run\n",
    );
    expect(refusal('def f(a, /, b):\n    return a\n')[2]).toBe(
      'p.py:1:11: positional-only parameters is not supported by pymem run\n',
    );
    expect(refusal('def f(*a, **k):\n    return k\nd = {}\nprint(f(1, *[], **d))\n')[2]).toBe(
      'p.py:4:12: *args / **kwargs in a call is not supported by pymem run\n',
    );
    expect(refusal('def f():\n    nonlocal x\n')[0]).toBe('unsupported');
    expect(refusal('x = 1\nnonlocal x\n')[2]).toBe(
      'p.py:2:1: nonlocal at module level is not supported by pymem run\n',
    );
  });

  it('refuses the class features it does not model, at compile time or where they run', () => {
    expect(refusal('class C:\n    def __del__(self):\n        pass\nc = C()\n')[2]).toBe(
      'p.py:4:1: an instance with __del__ alive at exit (finalized at shutdown) is not supported by pymem run\n',
    );
    expect(refusal("class A:\n    pass\nclass B(A):\n    __slots__ = ('x',)\n")[2]).toBe(
      'p.py:4:5: __slots__ in a class with bases is not supported by pymem run\n',
    );
    const superCall =
      'class A:\n    def f(self):\n        return 1\nclass B(A):\n    def f(self):\n        return super().f()\nprint(B().f())\n';
    expect(refusal(superCall, '3.8')).toEqual(['ok', '1\n', '']);
    expect(refusal(superCall, '3.9')).toEqual(['ok', '1\n', '']);
    const getitem =
      'import sys\nclass G:\n    def __getitem__(self, k):\n        return sys.getrefcount(self)\ng = G()\nprint(1)\nprint(g[0])\n';
    expect(refusal(getitem, '3.10')).toEqual(['ok', '1\n4\n', '']);
    expect(refusal(getitem, '3.11')).toEqual([
      'unsupported',
      '1\n',
      'p.py:4:9: sys.getrefcount inside __getitem__ on 3.11+ (a specialised call) is not supported by pymem run\n',
    ]);
  });

  it('ends a runaway loop at maxSteps', () => {
    const run = runPython('n = 0\nwhile True:\n    n += 1\n', { maxSteps: 1000 });
    expect(run.outcome).toBe('step-limit');
    expect(run.steps).toBe(1001);
  });
});

describe('f-strings with None and bools', () => {
  const program = [
    'import sys',
    'x = None',
    'ok = True',
    'print(f"x={x} ok={ok} {not ok}!", f"{x!r}|{False}")',
    's = f"value: {x}"',
    'print(s, len(s), sys.getsizeof(s))',
    'print(f"{x}")',
    '',
  ].join('\n');

  it('joins their text with the other parts, as CPython 3.8.18 and 3.12.1 print it', () => {
    for (const [python, size] of [
      ['3.8', 60],
      ['3.12', 52],
    ] as const) {
      const run = runPython(program.replace('print(f"{x}")\n', ''), { python, filename: 'p.py' });
      expect([run.outcome, run.stdout]).toEqual([
        'ok',
        `x=None ok=True False! None|False\nvalue: None 11 ${size}\n`,
      ]);
    }
  });

  it('refuses one alone: 3.12+ give the immortal str itself', () => {
    expect(refusal(program)).toEqual([
      'unsupported',
      'x=None ok=True False! None|False\nvalue: None 11 52\n',
      'p.py:7:1: formatting a NoneType in an f-string is not supported by pymem run\n',
    ]);
  });
});

describe('list() of a reverse iterator', () => {
  it('is presized by the items left (its length hint), as CPython 3.8.18 and 3.12.1 size it', () => {
    const program = [
      'import sys',
      'r = list(reversed([1, 2, 3, 4, 5]))',
      'it = reversed(list(range(20)))',
      'next(it)',
      'rest = list(it)',
      'print(r, sys.getsizeof(r), len(rest), sys.getsizeof(rest))',
      '',
    ].join('\n');
    for (const [python, sizes] of [
      ['3.8', '120 19 272'],
      ['3.12', '104 19 216'],
    ] as const) {
      const run = runPython(program, { python, filename: 'p.py' });
      const [first, second, third] = sizes.split(' ');
      expect([run.outcome, run.stdout]).toEqual([
        'ok',
        `[5, 4, 3, 2, 1] ${first} ${second} ${third}\n`,
      ]);
    }
  });
});

describe('print(*xs)', () => {
  it('prints the argument tuple CALL_FUNCTION_EX makes, as CPython 3.8.18 and 3.12.1 print it', () => {
    const program = [
      'import sys',
      'lst = [3, 1, 2]',
      'print(*lst)',
      'print("values:", *lst)',
      'print(*(1.5, "x", None))',
      'print(*[])',
      'def f():',
      '    items = [[1], [2]]',
      '    print(*items)',
      '    print(sys.getrefcount(items[0]))',
      'f()',
      '',
    ].join('\n');
    for (const python of ['3.8', '3.12']) {
      const run = runPython(program, { python, filename: 'p.py' });
      expect([run.outcome, run.stdout]).toEqual([
        'ok',
        '3 1 2\nvalues: 3 1 2\n1.5 x None\n\n[1] [2]\n2\n',
      ]);
    }
  });
});

describe('print(*xs, sep=…, end=…)', () => {
  it('prints through the keywords dict and the argument tuple, as CPython 3.8.18 and 3.12.1 print it', () => {
    const program = [
      'import sys',
      'lst = [3, 1, 2]',
      'print(*lst, sep=", ")',
      'print(*lst, sep="-", end="!\\n")',
      'print(*(1.5, None), end="\\n\\n")',
      'def f():',
      '    items = [[1], [2]]',
      '    print(*items, sep=" | ")',
      '    print(sys.getrefcount(items[0]))',
      'f()',
      '',
    ].join('\n');
    for (const python of ['3.8', '3.12']) {
      const run = runPython(program, { python, filename: 'p.py' });
      expect([run.outcome, run.stdout]).toEqual([
        'ok',
        '3, 1, 2\n3-1-2!\n1.5 None\n\n[1] | [2]\n2\n',
      ]);
    }
  });
});
