/**
 * `@staticmethod`, `@classmethod` and `@property` in `pymem run` (class-descriptors.ts):
 * what is refused and where, and invariants of the references the descriptors hand
 * out. Real CPython's output for each is checked by the clsx_* differential programs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPython } from './run.ts';

function run(program: string, python = '3.12'): [string, string, string] {
  const r = runPython(program, { python, filename: 'p.py' });
  return [r.outcome, r.stdout, r.stderr];
}

const GETTER = 'class T:\n    @property\n    def n(self):\n        return 5\n';

describe('class descriptors', () => {
  it('refuses the decorators and uses it does not model, naming where', () => {
    expect(run(`${GETTER}    @n.getter\n    def n(self):\n        pass\n`)[2]).toBe(
      'p.py:5:5: this decorator on a method is not supported by pymem run\n',
    );
    expect(run(`${GETTER}    @n.setter\n    def m(self, v):\n        pass\n`)[2]).toBe(
      'p.py:5:5: @n.setter on a method of another name is not supported by pymem run\n',
    );
    expect(
      run('class T:\n    @staticmethod\n    @staticmethod\n    def f():\n        pass\n')[2],
    ).toBe('p.py:2:5: more than one decorator on a method is not supported by pymem run\n');
    expect(run(`property = 1\n${GETTER}`)[2]).toBe(
      "p.py:3:5: a rebound 'property' is not supported by pymem run\n",
    );
    expect(run(`${GETTER}t = T()\nt.n = 1\n`)).toEqual([
      'unsupported',
      '',
      'p.py:6:1: assigning a property without a setter (its AttributeError differs per version) is not supported by pymem run\n',
    ]);
  });

  it('frees the property a setter or deleter replaces, keeping one per name', () => {
    for (const python of ['3.8', '3.9', '3.12']) {
      const r = runPython(
        `${GETTER}    @n.setter\n    def n(self, v):\n        pass\n    @n.deleter\n    def n(self):\n        pass\n`,
        { python },
      );
      expect(r.outcome).toBe('ok');
      const properties: number[] = [];
      r.heap.forEachTracked((o) => {
        if (r.heap.typeOf(o) === 'property') properties.push(o);
      });
      expect(properties).toHaveLength(1);
      expect(r.heap.propertyFunctions(properties[0]!).every((f) => f !== 0)).toBe(true);
    }
  });

  it('gives every reference back through a setter and a deleter', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('3.8', '3.9', '3.10', '3.11', '3.12', '3.13'),
        fc.array(fc.boolean(), { maxLength: 10 }),
        (python, steps) => {
          const program = [
            'import sys',
            'class C:',
            '    @property',
            '    def p(self):',
            '        return self._p',
            '    @p.setter',
            '    def p(self, v):',
            '        self._p = v',
            '    @p.deleter',
            '    def p(self):',
            '        del self._p',
            'o = C()',
            'x = []',
            'a = sys.getrefcount(x)',
            'o.p = None',
            ...steps.map((set) => (set ? 'o.p = x' : 'del o.p\no.p = None')),
            'print(sys.getrefcount(x) - a)',
            'del o.p',
            'print(sys.getrefcount(x) - a)',
          ].join('\n');
          const held = steps.length > 0 && steps[steps.length - 1] ? 1 : 0;
          expect(run(program, python)).toEqual(['ok', `${held}\n0\n`, '']);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('refuses sys.getrefcount in a getter from 3.12 only', () => {
    const program =
      'import sys\nclass T:\n    @property\n    def n(self):\n        return sys.getrefcount(self)\nprint(T().n)\n';
    expect(run(program, '3.11')).toEqual(['ok', '3\n', '']);
    expect(run(program, '3.12')[0]).toBe('unsupported');
  });

  it('gives every reference back: bound classmethods, static functions and getter results', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('3.8', '3.9', '3.10', '3.11', '3.12', '3.13'),
        fc.integer({ min: 0, max: 12 }),
        (python, n) => {
          const program = [
            'import sys',
            'class C:',
            '    @classmethod',
            '    def k(cls):',
            '        return cls',
            '    @staticmethod',
            '    def s():',
            '        return 0',
            '    @property',
            '    def p(self):',
            '        return [self]',
            'o = C()',
            'a = sys.getrefcount(C)',
            'b = sys.getrefcount(o)',
            'keep = []',
            `for i in range(${n}):`,
            '    keep.append(C.k)',
            '    keep.append(o.p)',
            '    keep.append(C.s)',
            'print(sys.getrefcount(C) - a, sys.getrefcount(o) - b)',
            'keep = None',
            'print(sys.getrefcount(C) - a, sys.getrefcount(o) - b)',
          ].join('\n');
          expect(run(program, python)).toEqual(['ok', `${n} ${n}\n0 0\n`, '']);
        },
      ),
      { numRuns: 30 },
    );
  });
});
