/**
 * Generators in runPython: what is refused (one line, nothing CPython would not
 * print), and the law that a generator — exhausted, closed, dropped while suspended
 * (in a `for` loop, in `yield from`) or collected in a cycle — leaves nothing behind:
 * once every name is deleted, the heap holds what the constants alone hold, and
 * validateHeap passes (fast-check, fixed seeds). What they print is compared with
 * CPython by tests/run-differential.test.ts (the gen_* programs).
 */
import { validateHeap } from '@pymem/objects';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPython } from './run.ts';

function refusal(program: string, python = '3.12'): string {
  const run = runPython(program, { python, filename: 'p.py' });
  expect(run.outcome).toBe('unsupported');
  return run.stderr;
}

describe('generators in runPython: refusals', () => {
  it('refuses a yield inside an expression, try in a generator, a generator closure', () => {
    expect(refusal('def g():\n    print((yield 1))\n')).toBe(
      'p.py:2:5: yield inside this statement is not supported by pymem run\n',
    );
    expect(refusal('def g():\n    try:\n        yield 1\n    finally:\n        pass\n')).toBe(
      'p.py:2:5: yield inside this statement is not supported by pymem run\n',
    );
    expect(refusal('def f(k):\n    def g():\n        yield k\n    return g\n')).toMatch(
      /is not supported by pymem run\n$/,
    );
  });

  it('refuses a body whose stack size it cannot compute', () => {
    expect(refusal('def g(a):\n    yield a[::2]\n')).toBe(
      'p.py:1:1: this generator (its stack size is not modelled) is not supported by pymem run\n',
    );
  });

  it('refuses close() inside yield from, where CPython closes the sub-iterator first', () => {
    const program =
      'def i():\n    yield 1\ndef o():\n    yield from i()\ng = o()\nprint(next(g))\ng.close()\n';
    for (const python of ['3.8', '3.12', '3.13'])
      expect(refusal(program, python)).toBe(
        'p.py:7:1: close() of a generator suspended in yield from is not supported by pymem run\n',
      );
  });

  it('refuses to resume a generator from inside itself (a ValueError)', () => {
    expect(refusal('def g():\n    yield next(x)\nx = g()\nprint(next(x))\n')).toBe(
      'p.py:2:5: resuming a generator that is running (a ValueError) is not supported by pymem run\n',
    );
  });
});

/** A generator shape, and how the program uses it. */
interface Shape {
  readonly kind: 'while' | 'for' | 'yield-from' | 'genexp';
  readonly items: number;
  readonly taken: number;
  readonly end: 'del' | 'exhaust' | 'close' | 'cycle';
}

const shape: fc.Arbitrary<Shape> = fc.record({
  kind: fc.constantFrom('while', 'for', 'yield-from', 'genexp'),
  items: fc.nat(6),
  taken: fc.nat(7),
  end: fc.constantFrom('del', 'exhaust', 'close', 'cycle'),
});

function program(s: Shape): string {
  const make =
    s.kind === 'genexp'
      ? 'g = ([x] for x in box[0])'
      : `g = ${{ while: 'while_', for: 'for_', 'yield-from': 'yield_from' }[s.kind]}(box)`;
  const lines = [
    'import gc',
    'gc.collect()',
    'def while_(box):',
    '    i = 0',
    '    while i < len(box[0]):',
    '        yield [i]',
    '        i += 1',
    'def for_(box):',
    '    for x in box[0]:',
    '        held = [x, box]',
    '        yield held',
    'def yield_from(box):',
    '    got = yield from for_(box)',
    '    yield got',
    `box = [list(range(${s.items}))]`,
    'v = None',
    make,
    ...Array.from({ length: s.taken }, () => 'v = next(g, None)'),
  ];
  if (s.end === 'exhaust') lines.push('for v in g:', '    pass');
  if (s.end === 'close') lines.push('g.close()');
  if (s.end === 'cycle') lines.push('box.append(g)');
  lines.push('del g, box, v, while_, for_, yield_from', 'gc.collect()');
  return lines.join('\n');
}

describe('generators in runPython: laws', () => {
  for (const python of ['3.8', '3.10', '3.11', '3.12', '3.13']) {
    it(`leaves nothing behind and keeps the heap valid on ${python}`, () => {
      fc.assert(
        fc.property(shape, (s) => {
          const text = program(s);
          const run = runPython(text, { python });
          // close() inside yield from is refused (the refusals above).
          if (s.kind === 'yield-from' && s.end === 'close' && run.outcome === 'unsupported')
            return true;
          expect(run.outcome, `${text}\n${run.stderr}`).toBe('ok');
          validateHeap(run.heap);
          const compiledOnly = runPython(
            `import gc\nif len([]) > 0:\n${text.replace(/^/gm, '    ')}`,
            { python },
          );
          expect(compiledOnly.outcome, compiledOnly.stderr).toBe('ok');
          expect(run.heap.liveCount, text).toBe(compiledOnly.heap.liveCount);
          return true;
        }),
        { seed: 7200 + Number(python.split('.')[1]), numRuns: 40 },
      );
    });
  }
});
