/**
 * The library layer of `pymem run` (builtins-lib.ts, methods-lib.ts, module-math.ts,
 * module-random.ts, compile-lib.ts): the Mersenne Twister against values CPython
 * 3.8.18–3.13.0 printed (the lib_random_* differential programs hold the rest), its
 * invariants under fast-check, the stable sort, and the refusals that keep a run from
 * printing what the model cannot vouch for.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MersenneTwister } from './module-random.ts';
import { runPython } from './run.ts';

function run(program: string, python = '3.12'): [string, string, string] {
  const r = runPython(program, { python, filename: 'p.py' });
  return [r.outcome, r.stdout, r.stderr];
}

function seeded(key: number[]): MersenneTwister {
  const g = new MersenneTwister();
  g.seedWords(key);
  return g;
}

describe('the Mersenne Twister', () => {
  it('gives CPython’s random() after seed(42) and seed(0)', () => {
    // `random.seed(42); random.random()` × 3 and `random.seed(0); random.randint(1, 6)` × 3
    // on every CPython 3.8.18–3.13.0 here.
    const g = seeded([42]);
    expect([g.random(), g.random(), g.random()]).toEqual([
      0.6394267984578837, 0.025010755222666936, 0.27502931836911926,
    ]);
    const h = seeded([0]);
    expect([1, 2, 3].map(() => 1n + h.randbelow(6n))).toEqual([4n, 4n, 1n]);
  });

  it('keeps getrandbits(k) below 2**k and randbelow(n) below n', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(0xffffffff), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 140 }),
        fc.bigInt({ min: 1n, max: 2n ** 100n }),
        (key, k, n) => {
          const g = seeded(key);
          const bits = g.getrandbits(k);
          expect(bits >= 0n && bits < 2n ** BigInt(k)).toBe(true);
          const r = g.randbelow(n);
          expect(r >= 0n && r < n).toBe(true);
          expect(g.random()).toBeLessThan(1);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('repeats its sequence for the same seed', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(0xffffffff), { minLength: 1, maxLength: 3 }), (key) => {
        const a = seeded(key);
        const b = seeded(key);
        for (let i = 0; i < 700; i++) expect(a.next()).toBe(b.next());
      }),
      { numRuns: 10 },
    );
  });
});

describe('list.sort and sorted()', () => {
  it('order tuples as CPython does, ascending and with reverse=True', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 20 }), (values) => {
        const text = `xs = [${values.map((v) => `(${v}, ${values.indexOf(v)})`).join(', ')}]`;
        const program = `${text}\nys = sorted(xs)\nxs.sort(reverse=True)\nprint(ys)\nprint(xs)\n`;
        const [outcome, out] = run(program);
        expect(outcome).toBe('ok');
        const pairs = values.map((v) => [v, values.indexOf(v)] as const);
        const ascending = [...pairs].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        const descending = [...pairs].sort((a, b) => b[0] - a[0] || b[1] - a[1]);
        const show = (ps: (readonly [number, number])[]) =>
          `[${ps.map(([v, i]) => `(${v}, ${i})`).join(', ')}]`;
        expect(out).toBe(`${show(ascending)}\n${show(descending)}\n`);
      }),
      { numRuns: 25 },
    );
  });
});

describe('library refusals', () => {
  it('refuses random results before a seed and ids after a library import', () => {
    expect(run('import random\nprint(random.random())\n')[2]).toBe(
      "p.py:2:1: random.random() before random.seed(n) (os.urandom's state) is not supported by pymem run\n",
    );
    expect(run('import math\nx = [1]\nprint(id(x))\n')[2]).toBe(
      'p.py:3:1: id() after importing a library module is not supported by pymem run\n',
    );
    expect(run('import gc\nimport math\n')[2]).toBe(
      'p.py:2:1: import of module math in a program that imports gc is not supported by pymem run\n',
    );
  });

  it('refuses the from-imports it cannot bind as CPython does, each at its statement', () => {
    expect(run('from os import path\n')[2]).toBe(
      'p.py:1:1: import of module os (from os import path) is not supported by pymem run\n',
    );
    expect(run('x = 1\nfrom math import *\n')[2]).toBe(
      'p.py:2:1: this form of import (from math import *) is not supported by pymem run\n',
    );
    expect(run('print(1)\nfrom math import sqrt\nsqrt = 2\n')[2]).toBe(
      "p.py:2:1: binding the from-imported name 'sqrt' again is not supported by pymem run\n",
    );
    expect(run('from math import nosuch\n')[2]).toBe(
      'p.py:1:1: from math import nosuch is not supported by pymem run\n',
    );
    expect(run('from gc import collect\n')[2]).toBe(
      'p.py:1:1: from gc import … is not supported by pymem run\n',
    );
    expect(run('from math import fmod\nf = fmod\n')[2]).toBe(
      'p.py:2:5: the function math.fmod used as a value is not supported by pymem run\n',
    );
  });

  it('runs a from-imported name as the module attribute it stands for', () => {
    const [outcome, out] = run(
      'from math import sqrt as r, pi\nfrom sys import getsizeof\nprint(r(16), pi > 3, getsizeof([]))\n',
    );
    expect([outcome, out]).toEqual(['ok', '4.0 True 56\n']);
  });

  it('refuses what it cannot compute exactly', () => {
    expect(run('import math\nprint(math.exp(1))\n')[2]).toBe(
      'p.py:2:7: math.exp is not supported by pymem run\n',
    );
    expect(run("print(min([1, 'a']))\n")[2]).toBe(
      'p.py:1:1: min() of items CPython cannot order is not supported by pymem run\n',
    );
    expect(run('print(hash("abc"))\n')[2]).toBe(
      'p.py:1:1: hash() of a str (str hashes are randomised) is not supported by pymem run\n',
    );
  });
});
