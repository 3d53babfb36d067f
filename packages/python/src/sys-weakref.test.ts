/**
 * `sys` extras and `weakref` in `pymem run` (compile-sys.ts, module-weakref.ts): the
 * callback order CPython 3.8.18–3.13.0 printed (newest callback first, at a refcount
 * death and in a collection), fast-check invariants of refcount deaths with any number
 * of weakrefs (every callback runs once, every ref reads None after, no weakref list is
 * left), and the refusals. The sysw_* differential programs hold the rest.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPython } from './run.ts';

function run(program: string, python = '3.12'): [string, string, string] {
  const r = runPython(program, { python, filename: 'p.py' });
  return [r.outcome, r.stdout, r.stderr];
}

const PROFILES = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14'];

describe('weakref callbacks', () => {
  it('run newest first when the referent dies by refcount (measured on 3.8.18–3.13.0)', () => {
    const program = [
      'import weakref',
      'class A:',
      '    pass',
      'a = A()',
      'r0 = weakref.ref(a)',
      "r1 = weakref.ref(a, lambda r: print('cb1', r() is None))",
      "r2 = weakref.ref(a, lambda r: print('cb2'))",
      "r3 = weakref.ref(a, lambda r: print('cb3'))",
      'print(weakref.getweakrefcount(a))',
      'del a',
    ].join('\n');
    for (const python of PROFILES)
      expect(run(program, python)).toEqual(['ok', '4\ncb3\ncb2\ncb1 True\n', '']);
  });

  it('run once each and leave every ref dead and unlinked (any number of refs)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { maxLength: 6 }),
        fc.constantFrom(...PROFILES),
        (withCallback, python) => {
          const lines = ['import weakref', 'class A:', '    pass', 'a = A()', 'refs = []'];
          withCallback.forEach((cb, i) => {
            lines.push(
              cb
                ? `refs.append(weakref.ref(a, lambda r: print(${i}, r() is None)))`
                : 'refs.append(weakref.ref(a))',
            );
          });
          lines.push('del a', 'print([r() is None for r in refs])', 'del refs');
          const r = runPython(lines.join('\n'), { python, filename: 'p.py' });
          const expected = withCallback
            .map((cb, i) => (cb ? `${i} True\n` : ''))
            .filter((s) => s !== '')
            .reverse()
            .join('');
          const dead = `[${withCallback.map(() => 'True').join(', ')}]\n`;
          expect(r.outcome).toBe('ok');
          expect(r.stdout).toBe(expected + dead);
          // Only the class keeps a weakref: the one in its base's registry of subclasses.
          const heap = r.heap;
          expect([...heap.weakrefLists.keys()].map((o) => heap.typeOf(o))).toEqual(['type']);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('refusals', () => {
  it('refuses what the model cannot vouch for', () => {
    const refused = (program: string, python = '3.12') => {
      const [outcome, , stderr] = run(program, python);
      expect(outcome).toBe('unsupported');
      return stderr;
    };
    expect(refused('import sys\nprint(sys.getallocatedblocks())')).toMatch(/getallocatedblocks/);
    expect(refused("import sys\ns = ''.join(['ab', 'c'])\nsys.intern(s)")).toMatch(
      /name characters/,
    );
    expect(refused('import sys\nprint(sys.version_info >= (3, 12, 1))')).toMatch(/minor/);
    expect(refused('import sys\nprint(sys.version_info.micro)')).toMatch(/micro/);
    expect(refused('import gc\nimport weakref\nprint(gc.collect())', '3.9')).toMatch(
      /import weakref on 3.9/,
    );
    expect(refused('import gc\nimport weakref\nprint(gc.collect())', '3.13')).toMatch(
      /import weakref/,
    );
    // Discarded, the first collection sweeps the import's garbage; later ones are exact.
    expect(run('import gc\nimport weakref\ngc.collect()\nprint(gc.collect())', '3.13')).toEqual([
      'ok',
      '0\n',
      '',
    ]);
  });

  it('writes the model’s statistics to stderr for sys._debugmallocstats()', () => {
    const [outcome, stdout, stderr] = run('import sys\nx = [1]\nprint(sys._debugmallocstats())');
    expect([outcome, stdout]).toEqual(['ok', 'None\n']);
    expect(stderr).toMatch(/^Small block threshold = 512, in 32 size classes\./);
  });
});
