/**
 * `import gc` on the model: what it refuses until the program's gc state is known
 * (gc-calls.ts), and, over random programs that make cycles (fast-check, fixed seed),
 * that a full collection frees every unreachable list and leaves a valid heap:
 *
 *   after `del a, b, c`, `gc.collect()` leaves no list alive, a second one finds 0,
 *   and validateHeap holds.
 */
import type { HeapCollector } from '@pymem/gc';
import { validateHeap } from '@pymem/objects';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPython } from './run.ts';

function run(program: string, python = '3.12'): [string, string, string] {
  const r = runPython(program, { python, filename: 'p.py' });
  return [r.outcome, r.stdout, r.stderr];
}

describe("gc.get_count(): the model's count while nothing unmodelled ran (gc-count.ts)", () => {
  const refusal = (program: string, python: string): string =>
    run(`import gc\ngc.collect()\n${program}c = gc.get_count()\nprint(c)\n`, python)[2];

  it('answers after containers, loops and counted calls, and after a fresh collection', () => {
    // Measured on CPython 3.8.18 … 3.13.0: a list and a dict, then a list iterator
    // made and freed; the list freed onto its free list takes nothing off.
    for (const python of ['3.8', '3.10', '3.12', '3.13'])
      expect(
        run(
          'import gc\ngc.collect()\na = [[1], {}]\nfor x in a:\n    pass\ndel a\nprint(gc.get_count())\n',
          python,
        ),
      ).toEqual(['ok', '(3, 0, 0)\n', '']);
    expect(refusal('print(1)\ngc.collect()\n', '3.12')).toBe('');
  });

  it('refuses after what makes containers CPython counts and the model does not', () => {
    expect(refusal('print(1)\n', '3.12')).toBe(
      'p.py:4:1: gc.get_count() after print() at line 3 is not supported by pymem run\n',
    );
    expect(refusal('class A:\n    pass\n', '3.13')).toBe(
      'p.py:5:1: gc.get_count() after the class statement at line 3 is not supported by pymem run\n',
    );
    expect(refusal('try:\n    x = 1\nexcept ValueError:\n    pass\n', '3.11')).toContain(
      'after the try statement at line 3',
    );
    // 3.8 builds range's argument tuple; 3.9+ call it without one.
    expect(refusal('r = range(3)\n', '3.8')).toContain('after range() at line 3');
    expect(refusal('r = range(3)\n', '3.9')).toBe('');
    // A comprehension is a call: its frame object on 3.8–3.10; inlined on 3.12.
    expect(refusal('x = [i for i in [1]]\n', '3.10')).toContain(
      'after a Python call at line 3 (its frame object, 3.8–3.10)',
    );
    expect(refusal('x = [i for i in [1]]\n', '3.11')).toBe('');
    expect(refusal('x = [i for i in [1]]\n', '3.12')).toBe('');
    // A started generator closed (3.12's gen_close makes its resumer's frame object).
    const generator = 'def g():\n    yield 1\n    yield 2\nit = g()\nnext(it)\ndel it\n';
    expect(refusal(generator, '3.12')).toContain('after a started generator was closed');
    expect(refusal(generator, '3.13')).toBe('');
  });
});

describe('import gc: refused until the state is known', () => {
  it('refuses gc.get_count() and the young generations before a full collection', () => {
    expect(run('import gc\nprint(gc.get_count())\n')[2]).toBe(
      'p.py:2:1: gc.get_count() before a full collection is not supported by pymem run\n',
    );
    expect(run('import gc\nprint(gc.collect(1))\n')[2]).toBe(
      'p.py:2:1: gc.collect(1) before a full collection is not supported by pymem run\n',
    );
    expect(run('import gc\nprint(gc.collect())\nprint(gc.collect(1))\n')).toEqual([
      'ok',
      '0\n0\n',
      '',
    ]);
  });

  it('refuses is_tracked of a tuple or dict until a full collection, answers for a list', () => {
    expect(run('import gc\nprint(gc.is_tracked([]))\nprint(gc.is_tracked({}))\n')).toEqual([
      'unsupported',
      'True\n',
      'p.py:3:1: gc.is_tracked of a dict before a full collection is not supported by pymem run\n',
    ]);
    expect(run('import gc\ngc.collect()\nprint(gc.is_tracked((1, 2)))\n')[1]).toBe('False\n');
  });

  it('refuses a first collection that finds garbage an automatic collection may have met', () => {
    const cycle = 'a = []\na.append(a)\ndel a\nprint(gc.collect())\n';
    // Nothing ran next to the garbage: no collection can have met it (garbage-watch.ts).
    for (const python of ['3.8', '3.10', '3.11', '3.12', '3.13'])
      expect(run(`import gc\n${cycle}`, python)).toEqual(['ok', '1\n', '']);
    // A print (which may make containers the model does not) or a list next to it.
    const printed = cycle.replace('del a\n', "del a\nprint('x')\n");
    const listed = cycle.replace('del a\n', 'del a\nb = [1]\n');
    for (const python of ['3.8', '3.10', '3.11', '3.12', '3.13'])
      expect(run(`import gc\n${printed}`, python)[0]).toBe('unsupported');
    expect(run(`import gc\n${listed}`, '3.11')[0]).toBe('unsupported');
    // 3.12+ collect at an eval-breaker check; the next one comes after gc.collect().
    expect(run(`import gc\n${listed}`, '3.12')).toEqual(['ok', '1\n', '']);
    expect(run(`import gc\ngc.disable()\n${cycle}`)).toEqual(['ok', '1\n', '']);
    expect(run(`import gc\ngc.collect()\n${cycle}`)).toEqual(['ok', '1\n', '']);
    expect(run(`import gc\ngc.set_threshold(0)\n${cycle}`)).toEqual(['ok', '1\n', '']);
  });

  it('refuses id() after a full collection, and a count near threshold0', () => {
    expect(run('import gc\ngc.collect()\nprint(id([]) > 0)\n')[2]).toBe(
      'p.py:3:1: id() after a full collection is not supported by pymem run\n',
    );
    const many = 'import gc\ngc.collect()\nkeep = []\nfor i in range(200):\n    keep.append([i])\n';
    expect(run(`${many}print(len(keep))\n`, '3.13')).toEqual(['ok', '200\n', '']);
    expect(run(many.replace('gc.collect()', 'gc.collect()\ngc.set_threshold(150)'))[2]).toMatch(
      /^p\.py:6:5: a gen0 count near the threshold 150 .* is not supported by pymem run\n$/,
    );
  });
});

describe('import gc on 3.14.0–3.14.4: the incremental collector', () => {
  it('runs the incremental collector only when the release names a patch up to 4', () => {
    const thresholds = 'import gc\nprint(gc.get_threshold())\n';
    expect(run(thresholds, '3.14.2')).toEqual(['ok', '(2000, 10, 0)\n', '']);
    expect(run(thresholds, '3.14.4')).toEqual(['ok', '(2000, 10, 0)\n', '']);
    expect(run(thresholds, '3.14')[0]).toBe('unsupported');
    expect(run(thresholds, '3.14.5')[0]).toBe('unsupported');
  });

  it('collects young, marks on the first increment, and refuses increments after it', () => {
    const young = 'import gc\ngc.collect()\na = []\na.append(a)\ndel a\nprint(gc.collect(0))\n';
    expect(run(young, '3.14.2')).toEqual(['ok', '1\n', '']);
    // The first increment after a full collection only marks: the cycle stays.
    const mark = young.replace('gc.collect(0)', 'gc.collect(1), gc.collect()');
    expect(run(mark, '3.14.2')).toEqual(['ok', '0 1\n', '']);
    expect(run(`${young}print(gc.collect(1))\nprint(gc.collect(0))\n`, '3.14.2')[2]).toBe(
      'p.py:8:1: gc.collect(0) after an increment that marked the roots is not supported by pymem run\n',
    );
  });

  it('vouches for increments in debt only while CPython cannot have paid for its marking', () => {
    const program = 'import gc\ngc.collect()\nfor i in range(20):\n    print(gc.collect(1))\n';
    const [outcome, stdout, stderr] = run(program, '3.14.2');
    expect(outcome).toBe('unsupported');
    // 2 × 1000 marked objects, repaid at most 3 × (0 + 50) per increment: 13 vouched for.
    expect(stdout).toBe('0\n'.repeat(13));
    expect(stderr).toBe(
      'p.py:4:5: gc.collect(1) once CPython may have paid for marking the roots is not supported by pymem run\n',
    );
  });

  it('does not count a dying class’s bases tuple (measured: 5 on 3.14.2, 6 on 3.13)', () => {
    const program = 'import gc\ngc.collect()\nclass C:\n    pass\ndel C\nprint(gc.collect())\n';
    expect(run(program, '3.14.2')).toEqual(['ok', '5\n', '']);
    expect(run(program, '3.13')).toEqual(['ok', '6\n', '']);
    expect(run(program, '3.14')[2]).toBe(
      'p.py:2:1: gc.collect() on 3.14 with classes or kept exceptions is not supported by pymem run\n',
    );
  });

  it('leaves a displayed tuple of GC-free items untracked, and refuses other makers', () => {
    const program = [
      'import gc',
      'gc.collect()',
      'n = 2',
      't = (n, n)',
      'print(gc.is_tracked(t), gc.is_tracked((t, n)), gc.is_tracked(([], n)))',
      'print(gc.is_tracked(t + t))',
    ].join('\n');
    expect(run(program, '3.14.2')).toEqual([
      'unsupported',
      'False True True\n',
      'p.py:6:1: gc.is_tracked of a tuple of untracked items on 3.14 (made where its tracking is not measured) is not supported by pymem run\n',
    ]);
    expect(run(program, '3.13')).toEqual(['ok', 'True True True\nTrue\n', '']);
  });
});

const NAMES = ['a', 'b', 'c'];

/** One random statement over a, b, c (each bound to a list): appends make cycles. */
const statement = fc.oneof(
  fc
    .tuple(fc.constantFrom(...NAMES), fc.constantFrom(...NAMES))
    .map(([n, m]) => `${n}.append(${m})`),
  fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom(...NAMES)).map(([n, m]) => `${n} = [${m}]`),
  fc
    .tuple(fc.constantFrom(...NAMES), fc.nat(300))
    .map(([n, k]) => `${n}.append({'k': ${n}, 'v': ${k} * 1000})`),
  fc.constantFrom(...NAMES).map((n) => `${n} = []`),
  fc
    .tuple(fc.constantFrom(...NAMES), fc.nat(300))
    .map(([n, k]) => `${n}.append((len(${n}) + ${k}, 'x'))`),
  fc
    .tuple(fc.constantFrom(...NAMES), fc.constantFrom(...NAMES), fc.nat(300))
    .map(([n, m, k]) => `${n}.append((${m}, len(${m}) + ${k}))`),
  fc.constantFrom('gc.collect()', 'gc.collect(0)', 'gc.collect(1)'),
);

describe('import gc: collections over random cyclic programs', () => {
  it('frees every unreachable list and leaves a valid heap', () => {
    fc.assert(
      fc.property(
        fc.array(statement, { maxLength: 25 }),
        fc.constantFrom('3.8', '3.10', '3.11', '3.12', '3.13', '3.14.2'),
        (body, python) => {
          const program = [
            'import gc',
            'gc.collect()',
            'gc.disable()',
            'a = []',
            'b = []',
            'c = []',
            // 3.14.0–3.14.4 refuse a young collection or increment after the marking one.
            ...(python === '3.14.2' ? body.filter((s) => s !== 'gc.collect(1)') : body),
            'del a, b, c',
            'gc.collect()',
            'print(gc.collect())',
          ].join('\n');
          let collector: HeapCollector | null = null;
          const result = runPython(program, {
            python,
            onCollector: (c) => {
              collector = c;
            },
          });
          expect((collector as HeapCollector | null)?.collector.validate()).toEqual([]);
          expect(result.outcome, result.stderr).toBe('ok');
          expect(result.stdout).toBe('0\n');
          validateHeap(result.heap);
          let lists = 0;
          let tuples = 0;
          result.heap.forEachTracked((o) => {
            if (result.heap.typeOf(o) === 'list') lists++;
            if (result.heap.typeOf(o) === 'tuple') tuples++;
          });
          expect(lists).toBe(0);
          // A tuple of a list dies with its cycle; one of an int and a str is untracked by
          // the full collection at the latest (3.14: when made).
          expect(tuples).toBe(0);
        },
      ),
      { seed: 14, numRuns: 60 },
    );
  });
});
