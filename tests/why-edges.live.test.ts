/**
 * `pymem why` names a closure's edges: a function's `__closure__`, the tuple's index
 * and the cell's `cell_contents` — from the shape of the snapshot (see @pymem/analysis
 * reference-chains.ts). Under every recorded CPython (3.8–3.13; each missing one is
 * reported as skipped, never passed), a program keeps an object alive only through a
 * closure held by a module global, and its chain is named edge by edge.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveInterpreterFor } from '@pymem/cpython';
import { record } from '@pymem/recorder';
import { RECORDED_PROFILE_NAMES } from '@pymem/versions';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';

const PROGRAM = `import pymem_record
class Leak: pass
def outer():
    kept = Leak()
    other = 1
    def inner(): return other, kept
    return inner
held = outer()
pymem_record.snapshot('s')
`;

for (const profile of RECORDED_PROFILE_NAMES) {
  const python = liveInterpreterFor(profile, 'closure edges in pymem why');
  describe.skipIf(!python)(`pymem why through a closure under CPython ${profile}`, () => {
    it('names __closure__, the cell index and cell_contents', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pymem-why-'));
      const script = join(dir, 'closure.py');
      writeFileSync(script, PROGRAM);
      const output = join(dir, 'closure.pmt');
      const run = await record({
        interpreter: python!,
        args: [script],
        output,
        format: 'pmt',
        stdio: 'pipe',
      });
      expect(run.stderr).toBe('');
      const why = await runCli(['why', output, '--mark', 's', '--type', '__main__.Leak']);
      expect(why.status, why.stderr).toBe(0);
      // co_freevars are sorted: ('kept', 'other'), so kept is cell 0.
      expect(why.stdout.split('\n')[1]).toMatch(
        /^ {2}module __main__\.__dict__ → dict\['held'\] → function\.__closure__ → tuple\[0\] → cell\.cell_contents → __main__\.Leak at 0x[0-9a-f]+$/,
      );
    }, 60_000);
  });
}
