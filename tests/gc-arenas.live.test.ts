/**
 * `pymem gc` names the finalizers and weakref callbacks a collection would run and
 * the arenas it would give back, proven against the real collection: a program
 * builds cyclic garbage that lives in single pymalloc blocks (instances with
 * `__slots__`) over several arenas, some with `__del__`, some with weakref callbacks,
 * takes a heap snapshot, then calls `gc.collect(1)` (no free lists cleared) and prints
 * how many `__del__` and callbacks ran. Under every recorded CPython (3.8–3.13; each
 * missing one is reported as skipped, never passed):
 *   - `finalizers` and `callbacks` count exactly what ran;
 *   - `arenasFreed` equals the arenas the real collection released (the recording's
 *     arenas at the snapshot minus those at the mark right after `gc.collect`).
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveInterpreterFor } from '@pymem/cpython';
import { RECORDED_PROFILE_NAMES } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import { recordProgram } from './support/fixtures.ts';
import { runCli } from './support/run-cli.ts';

const PROGRAM = `import gc, weakref, pymem_record
gc.disable()
ran = [0, 0]
class S:
    __slots__ = ('o', '__weakref__')
class F:
    __slots__ = ('o',)
    def __del__(self): ran[0] += 1
def cb(ref): ran[1] += 1
keep = []
for i in range(40000):
    a = S(); b = S(); a.o = b; b.o = a
for i in range(3):
    f = F(); f.o = f
for i in range(5):
    w = S(); w.o = w; keep.append(weakref.ref(w, cb))
del a, b, f, w
pymem_record.snapshot('s')
n = gc.collect(1)
pymem_record.mark('after')
print(n, ran[0], ran[1])
`;

for (const profile of RECORDED_PROFILE_NAMES) {
  const python = liveInterpreterFor(profile, 'what a collection gives back');
  describe.skipIf(!python)(
    `pymem gc on finalizers, callbacks and arenas under CPython ${profile}`,
    () => {
      it('names what would run and the arenas the real collection released', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'pymem-gc-arenas-'));
        const { output, run } = await recordProgram(python!, dir, 'garbage', PROGRAM);
        expect(run.stderr).toBe('');
        const [returned, finalized, called] = run.stdout.trim().split(' ').map(Number) as [
          number,
          number,
          number,
        ];
        expect([finalized, called]).toEqual([3, 5]);

        const gc = await runCli(['gc', output, '--mark', 's', '--generation', '1', '--json']);
        expect(gc.status, gc.stderr).toBe(0);
        const report = JSON.parse(gc.stdout);
        expect(report.unreachable).toBe(returned);
        expect(report.finalizers).toEqual([{ type: '__main__.F', objects: finalized }]);
        expect(report.callbacks).toEqual([
          { referent: '__main__.S', callback: 'function', weakrefs: called },
        ]);

        const arenasAt = async (mark: string) =>
          JSON.parse((await runCli(['fragmentation', output, '--mark', mark, '--json'])).stdout).now
            .arenas as number;
        const before = await arenasAt('s');
        const after = await arenasAt('after');
        expect(report.arenasBefore).toBe(before);
        expect(before - after).toBeGreaterThan(0);
        expect(report.arenasFreed).toBe(before - after);

        const text = await runCli(['gc', output, '--mark', 's', '--generation', '1']);
        expect(text.stdout).toContain(
          `\n${before - after} of ${before} arenas given back, at least (`,
        );
        expect(text.stdout).toContain(`\nfinalizers (__del__) that would run: 3 × __main__.F\n`);
        expect(text.stdout).toContain(
          '\n5 weakref callbacks would run: 5 × function for a dying __main__.S\n',
        );
      }, 60_000);
    },
  );
}
