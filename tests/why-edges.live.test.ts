/**
 * `pymem why` names a closure's edges — a function's `__closure__`, the tuple's index
 * and the cell's `cell_contents`, from the shape of the snapshot (see @pymem/analysis
 * reference-chains.ts) — and an instance's attributes: through its `__dict__` up to
 * 3.10 (and whenever a dict took over), by name in 3.11+ where the values sit beside
 * the class's shared keys (the recorder reads them, heap_snapshot.c
 * snap_instance_edges). Under every recorded CPython (3.8–3.13; each missing one is
 * reported as skipped, never passed), objects kept alive only through a closure, an
 * attribute and a materialised `__dict__` (3.13: still inline values, named) have their
 * chains named edge by edge.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveInterpreterFor } from '@pymem/cpython';
import { RECORDED_PROFILE_NAMES } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import { recordProgram } from './support/fixtures.ts';
import { runCli } from './support/run-cli.ts';

const PROGRAM = `import pymem_record
class Leak: pass
class Leak2: pass
class Leak3: pass
def outer():
    kept = Leak()
    other = 1
    def inner(): return other, kept
    return inner
held = outer()
class Holder: pass
holder = Holder()
holder.first = 1
holder.payload = [None, Leak2()]
other = Holder()
other.__dict__['x'] = Leak3()
pymem_record.snapshot('s')
`;

for (const profile of RECORDED_PROFILE_NAMES) {
  const python = liveInterpreterFor(profile, 'closure edges in pymem why');
  describe.skipIf(!python)(`pymem why through a closure under CPython ${profile}`, () => {
    it('names __closure__, the cell index and cell_contents', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pymem-why-'));
      const { output, run } = await recordProgram(python!, dir, 'closure', PROGRAM);
      expect(run.stderr).toBe('');
      const why = await runCli(['why', output, '--mark', 's', '--type', '__main__.Leak']);
      expect(why.status, why.stderr).toBe(0);
      // co_freevars are sorted: ('kept', 'other'), so kept is cell 0.
      expect(why.stdout.split('\n')[1]).toMatch(
        /^ {2}module __main__\.__dict__ → dict\['held'\] → function\.__closure__ → tuple\[0\] → cell\.cell_contents → __main__\.Leak at 0x[0-9a-f]+$/,
      );
      const chain = async (type: string) =>
        (await runCli(['why', output, '--mark', 's', '--type', type])).stdout.split('\n')[1];
      const attribute =
        profile === '3.8' || profile === '3.9' || profile === '3.10'
          ? "__main__\\.Holder\\.__dict__ → dict\\['payload'\\]"
          : '__main__\\.Holder\\.payload';
      expect(await chain('__main__.Leak2')).toMatch(
        new RegExp(
          `^ {2}module __main__\\.__dict__ → dict\\['holder'\\] → ${attribute} → list\\[1\\] → __main__\\.Leak2 at 0x[0-9a-f]+$`,
        ),
      );
      // 3.13 keeps the values inline once __dict__ is materialised (the dict shares
      // them): the instance itself still references them, by name.
      const materialised =
        profile === '3.13'
          ? '__main__\\.Holder\\.x'
          : "__main__\\.Holder\\.__dict__ → dict\\['x'\\]";
      expect(await chain('__main__.Leak3')).toMatch(
        new RegExp(
          `^ {2}module __main__\\.__dict__ → dict\\['other'\\] → ${materialised} → __main__\\.Leak3 at 0x[0-9a-f]+$`,
        ),
      );
    }, 60_000);
  });
}
