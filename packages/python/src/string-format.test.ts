/**
 * `%` formatting with a mapping (string-format.ts): the key lookup's errors, the
 * mapping operands PyMapping_Check accepts, and the law that the held items and key
 * strs are all given back. Real CPython's output is checked by the `it_percent_*`
 * differential programs.
 */
import { validateHeap } from '@pymem/objects';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPython } from './run.ts';

function run(program: string, python = '3.12'): [string, string] {
  const r = runPython(program, { python, filename: 'p.py' });
  return [r.outcome, r.stdout + r.stderr.trim().split('\n').at(-1)];
}

describe("'%' with a mapping", () => {
  it('raises as CPython does and treats lists and ranges as mappings', () => {
    expect(run("print('%(a)s' % {'b': 1})")).toEqual(['error', "KeyError: 'a'"]);
    expect(run("print('%(a)s' % (1,))")).toEqual(['error', 'TypeError: format requires a mapping']);
    expect(run("print('x' % [1], 'y' % range(2))")).toEqual(['ok', 'x y\n']);
    expect(run("print('x' % 5)")).toEqual([
      'error',
      'TypeError: not all arguments converted during string formatting',
    ]);
  });

  it('formats each key and gives every reference back', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('3.8', '3.10', '3.12', '3.13'),
        fc.uniqueArray(fc.stringMatching(/^[a-z]{1,4}$/), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(4), { minLength: 1, maxLength: 8 }),
        (python, keys, picks) => {
          const values = keys.map((k, i) => `${k}${i}`);
          const used = picks.map((p) => p % keys.length);
          const template = used.map((i) => `%(${keys[i]})s`).join('-');
          const program = [
            'import sys',
            `d = {${keys.map((k, i) => `'${k}': ''.join(['${k}', '${i}'])`).join(', ')}}`,
            `vs = [${keys.map((k) => `d['${k}']`).join(', ')}]`,
            'before = [sys.getrefcount(v) for v in vs]',
            `s = '${template}' % d`,
            'print(s)',
            'del s',
            'print([sys.getrefcount(v) for v in vs] == before)',
          ].join('\n');
          const r = runPython(program, { python, filename: 'p.py' });
          expect([r.outcome, r.stdout]).toEqual([
            'ok',
            `${used.map((i) => values[i]).join('-')}\nTrue\n`,
          ]);
          validateHeap(r.heap);
        },
      ),
      { numRuns: 40, seed: 14 },
    );
  });
});
