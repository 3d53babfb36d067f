/**
 * The line events of a run (line-events.ts): listening changes nothing the program
 * does to memory, and the events follow the laws of `sys.settrace`'s 'line' calls —
 * one per statement line, a loop header once per round plus the round that ends it,
 * `a = 1; b = 2` once. What CPython reports program by program is compared in
 * tests/run-steps.test.ts; here are the laws over random programs, and the refusals.
 */
import { collectMallocStats, formatMallocStats } from '@pymem/obmalloc';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPython } from './run.ts';

/** A random simple statement over the list `a`. */
const simple = fc.oneof(
  fc.nat(300).map((v) => `a.append(${v} * 1000)`),
  fc.nat(5).map((k) => `b = [a] * ${k}`),
  fc.constant('print(len(a))'),
  fc.nat(9).map((k) => `d = {'k${k}': a}`),
);

/** A straight-line body of `n` statements, or a `for` loop of `rounds` over one. */
const block = fc.oneof(
  fc.array(simple, { minLength: 1, maxLength: 4 }).map((lines) => ({ lines, rounds: -1 })),
  fc.tuple(fc.nat(4), fc.array(simple, { minLength: 1, maxLength: 3 })).map(([rounds, body]) => ({
    lines: [`for i in range(${rounds}):`, ...body.map((s) => `    ${s}`)],
    rounds,
  })),
);

/** The line events the laws predict for blocks placed one after another from line 2. */
function predicted(blocks: readonly { lines: string[]; rounds: number }[]): number[] {
  const events = [1];
  let line = 2;
  for (const { lines, rounds } of blocks) {
    if (rounds < 0) for (let k = 0; k < lines.length; k++) events.push(line + k);
    else {
      for (let r = 0; r < rounds; r++) {
        events.push(line);
        for (let k = 1; k < lines.length; k++) events.push(line + k);
      }
      events.push(line);
    }
    line += lines.length;
  }
  return events;
}

describe('line events', () => {
  for (const python of ['3.8', '3.10', '3.13']) {
    it(`follow the laws of settrace's line events and change nothing on ${python}`, () => {
      fc.assert(
        fc.property(fc.array(block, { minLength: 1, maxLength: 6 }), (blocks) => {
          const program = `a = []\n${blocks.flatMap((b) => b.lines).join('\n')}\n`;
          const lines: number[] = [];
          const traced = runPython(program, { python, onLine: (n) => lines.push(n) });
          const plain = runPython(program, { python });
          expect(traced.outcome, traced.stderr).toBe('ok');
          expect(lines).toEqual(predicted(blocks));
          expect(traced.stdout).toBe(plain.stdout);
          expect(traced.heap.liveCount).toBe(plain.heap.liveCount);
          expect(formatMallocStats(collectMallocStats(traced.heap.obmalloc))).toBe(
            formatMallocStats(collectMallocStats(plain.heap.obmalloc)),
          );
          return true;
        }),
        { seed: 7200 + Number(python.split('.')[1]), numRuns: 40 },
      );
    });
  }

  it('reports two statements on one line once, and a call as the callee frame’s first line', () => {
    const lines: number[] = [];
    const run = runPython('def f(x):\n    return x\na = 1; b = f(a)\nc = f(f(b))\n', {
      python: '3.12',
      onLine: (n) => lines.push(n),
    });
    expect(run.outcome).toBe('ok');
    expect(lines).toEqual([1, 3, 2, 4, 2, 2]);
  });

  it('refuses, with --steps only, what it has not measured', () => {
    const cases: [string, string, string][] = [
      ['3.8', 'if 1 > 0:\n    pass\n', "'pass' on 3.8"],
      ['3.9', 'for i in range(2):\n    continue\n', "'continue' on 3.9"],
      ['3.12', 'x = [1,\n     2]\n', 'a statement over several lines'],
      ['3.12', 'i = 0\nwhile i < 2: i += 1\n', 'a one-line while loop'],
      ['3.8', 'if 1 < 2:\n    x = 1\n', "the constant test '1 < 2' on 3.8"],
    ];
    for (const [python, program, feature] of cases) {
      expect(runPython(program, { python }).outcome, program).toBe('ok');
      const run = runPython(program, { python, onLine: () => {} });
      expect(run.outcome, program).toBe('unsupported');
      expect(run.stderr).toContain(`the line events (--steps) of ${feature} is not supported`);
    }
  });
});
