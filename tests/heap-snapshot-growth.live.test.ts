/**
 * `pymem diff` between two heap snapshots adds growth by type (objgraph's
 * `show_growth`), proven against the real process: programs the model has never seen
 * (fast-check, fixed seed) build and drop objects of several kinds between
 * `pymem_record.snapshot('a')` and `pymem_record.snapshot('b')`, and right after each
 * snapshot print the count by type of `gc.get_objects()` — what objgraph's `typestats`
 * counts. Under every recorded CPython (3.8–3.13; each missing one is reported as
 * skipped, never passed), `pymem diff --from a --to b --json` gives exactly the types
 * whose count rose, with their later count and rise, computed from those printed counts.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveInterpreterFor } from '@pymem/cpython';
import { RECORDED_PROFILE_NAMES } from '@pymem/versions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordProgram } from './support/fixtures.ts';
import { runCli } from './support/run-cli.ts';

const KINDS = ['node', 'pair', 'list', 'dict', 'tuple', 'closure', 'drop'] as const;
const programs = fc.array(
  fc.record({ kind: fc.constantFrom(...KINDS), count: fc.integer({ min: 1, max: 40 }) }),
  { minLength: 2, maxLength: 6 },
);

function render(steps: readonly { kind: string; count: number }[]): string {
  // The counting runs at module level (no call frame of its own), and gc.get_objects()
  // in a statement of its own: before the generator's function (3.11+) and the Counter
  // exist; all of them are gone by the next snapshot. Automatic collection is off so
  // that no allocation collects.
  const counting =
    'objects = gc.get_objects()\n' +
    "print(json.dumps(Counter((type(o).__qualname__ if type(o).__module__ == 'builtins' else " +
    "f'{type(o).__module__}.{type(o).__qualname__}') for o in objects), sort_keys=True))\n" +
    'del objects';
  const lines = [
    'import gc, json, pymem_record',
    'from collections import Counter',
    'gc.disable()',
    'keep = []',
    'class Node: pass',
    'class Other: pass',
    'def make(kind, n):',
    '    for _ in range(n):',
    "        if kind == 'node': keep.append(Node())",
    "        elif kind == 'pair': a = Other(); b = Other(); a.o = b; b.o = a",
    "        elif kind == 'list': keep.append([len(keep)])",
    "        elif kind == 'dict': keep.append({'k': [1]})",
    "        elif kind == 'tuple': keep.append((len(keep), []))",
    "        elif kind == 'closure':",
    '            def f(): return f',
    '            keep.append(f)',
    "        elif kind == 'drop' and keep: keep.pop()",
    "make('node', 5); make('dict', 3)",
    "pymem_record.snapshot('a')",
    counting,
  ];
  for (const { kind, count } of steps) lines.push(`make('${kind}', ${count})`);
  lines.push("pymem_record.snapshot('b')", counting);
  return `${lines.join('\n')}\n`;
}

for (const profile of RECORDED_PROFILE_NAMES) {
  const python = liveInterpreterFor(profile, 'growth by type between heap snapshots');
  describe.skipIf(!python)(`pymem diff between heap snapshots under CPython ${profile}`, () => {
    it('gives the types that grew between the snapshots, as gc.get_objects() counts them', async () => {
      const samples = fc.sample(programs, { numRuns: 2, seed: 0x9a0 + profile.length });
      const dir = mkdtempSync(join(tmpdir(), 'pymem-growth-'));
      for (const [n, steps] of samples.entries()) {
        const { script, output, run } = await recordProgram(
          python!,
          dir,
          `prog${n}`,
          render(steps),
        );
        expect(run.stderr).toBe('');
        const [a, b] = run.stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line)) as [Record<string, number>, Record<string, number>];
        const expected = Object.entries(b)
          .map(([type, count]) => ({ type, count, delta: count - (a[type] ?? 0) }))
          .filter((row) => row.delta > 0);
        expect(expected.length, script).toBeGreaterThan(0);

        const diff = await runCli(['diff', output, '--from', 'a', '--to', 'b', '--json']);
        expect(diff.status, diff.stderr).toBe(0);
        const report = JSON.parse(diff.stdout);
        expect(report.snapshots).toEqual({ from: 'a', to: 'b' });
        const byType = (x: { type: string }, y: { type: string }) => (x.type < y.type ? -1 : 1);
        expect([...report.types].sort(byType), script).toEqual(expected.sort(byType));
        const deltas = report.types.map((row: { delta: number }) => row.delta);
        expect(deltas).toEqual([...deltas].sort((x, y) => y - x));

        const text = await runCli(['diff', output, '--from', 'a', '--to', 'b', '--top', '3']);
        expect(text.status).toBe(0);
        const first = report.types[0] as { type: string; count: number; delta: number };
        expect(text.stdout).toContain('Growth by type between heap snapshots "a" and "b"');
        expect(text.stdout).toMatch(
          new RegExp(
            `\\n  ${first.type.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} +${first.count} +\\+${first.delta}\\n`,
          ),
        );
      }
    }, 120_000);
  });
}
