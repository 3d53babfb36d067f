/**
 * The program's exception classes on the model. Expected values were measured on
 * CPython 3.8.18, 3.10.13, 3.11.7, 3.12.1 and 3.13.0 (the same programs are in
 * tests/programs/run/ux_exc_*.py, where the differential test checks them live).
 */
import { validateHeap } from '@pymem/objects';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPython } from './run.ts';

const PROFILES = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13'] as const;

function run(text: string, python: string): ReturnType<typeof runPython> {
  const result = runPython(text, { python, filename: 'prog.py' });
  validateHeap(result.heap);
  return result;
}

describe('exception classes of the program', () => {
  it('sizes an instance with its weak list and a class with (3.8–3.10) or without its keys', () => {
    const program = [
      'import sys',
      'class E(ValueError):',
      '    pass',
      'print(sys.getsizeof(E("x")), sys.getsizeof(E), sys.getrefcount(E))',
    ].join('\n');
    // Measured: 88/1064 (3.8, 3.9), 88/1072 (3.10), 96/920 (3.11), 104/936 (3.12),
    // 104/944 (3.13); `sys.getrefcount(E)` is 4 on each.
    const expected: Record<string, string> = {
      '3.8': '88 1064 4\n',
      '3.9': '88 1064 4\n',
      '3.10': '88 1072 4\n',
      '3.11': '96 920 4\n',
      '3.12': '104 936 4\n',
      '3.13': '104 944 4\n',
    };
    for (const p of PROFILES) expect(run(program, p).stdout, p).toBe(expected[p]);
  });

  it('catches by the class, by a builtin base, and keeps the class alive through instances', () => {
    const program = [
      'import gc',
      'class AppError(Exception):',
      '    pass',
      'class ParseError(AppError):',
      '    pass',
      'try:',
      '    raise ParseError("bad", 1)',
      'except (KeyError, AppError) as e:',
      '    print(repr(e), e.args, isinstance(e, AppError), isinstance(e, LookupError))',
      'try:',
      '    raise ParseError',
      'except Exception as e:',
      '    kept = e',
      'del ParseError',
      'print(gc.collect())',
      'del kept',
      'print(gc.collect())',
    ].join('\n');
    // Measured on 3.8–3.13: the subclass dies with its last instance (type, mro, bases).
    for (const p of PROFILES)
      expect(run(program, p).stdout, p).toBe("ParseError('bad', 1) ('bad', 1) True False\n0\n3\n");
  });

  it('prints `__main__.E` on 3.8–3.10 and `E` on 3.11+ when uncaught', () => {
    const program = ['class Stop(Exception):', '    pass', 'raise Stop("now")'].join('\n');
    for (const p of PROFILES) {
      const result = run(program, p);
      expect(result.outcome).toBe('error');
      const last = result.stderr.trim().split('\n').at(-1);
      expect(last, p).toBe(
        p === '3.8' || p === '3.9' || p === '3.10' ? '__main__.Stop: now' : 'Stop: now',
      );
    }
  });

  it('refuses an exception class body with members other than __init__ (exit 2, one line)', () => {
    const program = [
      'class E(Exception):',
      '    def __str__(self):',
      '        return "e"',
      'e = E("m")',
    ].join('\n');
    const result = run(program, '3.12');
    expect(result.outcome).toBe('unsupported');
    expect(result.stderr).toMatch(
      /^prog\.py:\d+:\d+: .*__str__.* is not supported by pymem run\n$/,
    );
  });

  it('runs __init__: super().__init__ sets args, attributes go to the exception __dict__', () => {
    const program = [
      'import sys',
      'import gc',
      'class Fail(Exception):',
      '    def __init__(self, code, data):',
      '        super().__init__("failed", code)',
      '        self.data = data',
      'big = [1]',
      'e = Fail(3, big)',
      'print(e.args, e.data is big, sys.getrefcount(big), sys.getsizeof(e))',
      'gc.collect()',
      'e.data = e',
      'del e',
      'print(gc.collect(), sys.getrefcount(big))',
    ].join('\n');
    // Measured on 3.9.18, 3.11.7, 3.12.1: the cycle exception → dict → exception is
    // two objects for the collector (the args tuple of atoms is untracked).
    expect(run(program, '3.9').stdout).toBe("('failed', 3) True 3 88\n2 2\n");
    expect(run(program, '3.11').stdout).toBe("('failed', 3) True 3 96\n2 2\n");
    expect(run(program, '3.12').stdout).toBe("('failed', 3) True 3 104\n2 2\n");
  });

  it('refuses a builtin base whose objects have fields of their own', () => {
    const result = run('class Done(StopIteration):\n    pass\n', '3.11');
    expect(result.outcome).toBe('unsupported');
    expect(result.stderr).toContain('StopIteration');
  });
});

// Both runs intern the names the class calls look up and store (`__init__`, `data`, `me`).
const PRELUDE = [
  'import gc',
  'gc.collect()',
  'try:',
  '    raise ValueError',
  'except ValueError:',
  '    pass',
  'class Warm:',
  '    def __init__(self):',
  '        self.data = None',
  '        self.me = None',
  'Warm()',
  'del Warm',
].join('\n');

describe('exception classes over random programs', () => {
  const BASES = ['Exception', 'ValueError', 'KeyError', 'RuntimeError', 'ArithmeticError'];
  it('leave nothing behind once their names are deleted and the collector ran', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PROFILES),
        fc.constantFrom(...BASES),
        fc.nat(3),
        fc.array(fc.tuple(fc.nat(3), fc.nat(2)), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('none', 'attributes', 'cycle'),
        (profile, base, depth, raises, init) => {
          const lines = [`class C0(${base}):`];
          if (init === 'none') lines.push('    pass');
          else {
            // super() is refused on 3.8: there the __init__ only stores attributes.
            lines.push('    def __init__(self, a=None, b=None):');
            if (profile !== '3.8') lines.push('        super().__init__(a)');
            lines.push('        self.data = [a, b]');
            if (init === 'cycle') lines.push('        self.me = self');
          }
          for (let i = 1; i <= depth; i++) lines.push(`class C${i}(C${i - 1}):`, '    pass');
          const names = Array.from({ length: depth + 1 }, (_, i) => `C${i}`);
          lines.push(`classes = [${names.join(', ')}]`, 'kept = []', 'def fail(k):');
          lines.push(`    raise classes[min(k, ${depth})]`);
          const raising: string[] = [];
          for (const [k, n] of raises) {
            const args = Array.from({ length: n }, (_, i) => `[${i}]`).join(', ');
            const raise = n === 0 ? `fail(${k})` : `raise C${Math.min(k, depth)}(${args})`;
            raising.push('try:', `    ${raise}`, `except C${Math.min(k, depth)} as e:`);
            raising.push('    kept.append(e)');
          }
          const end = ['del kept, fail, classes'];
          for (let i = depth; i >= 0; i--) end.push(`del C${i}`);
          end.push('gc.collect()');
          const program = (middle: string[]): string =>
            [PRELUDE, ...lines, ...middle, ...end].join('\n');
          const result = run(program(raising), profile);
          expect(result.outcome, result.stderr).toBe('ok');
          // Every exception and class is gone: the heap holds what a run that defines the
          // classes but raises nothing holds (interned names and static types stay).
          const skipped = ['if len([]) > 0:', ...raising.map((l) => `    ${l}`)];
          const baseline = run(program(skipped), profile);
          expect(baseline.outcome, baseline.stderr).toBe('ok');
          expect(result.heap.liveCount).toBe(baseline.heap.liveCount);
        },
      ),
      { seed: 14, numRuns: 40 },
    );
  });
});
