/**
 * Live differential checks: record fresh runs of real CPython 3.8 … 3.13 found on
 * this machine — the fixture workloads and random programs the model has never
 * seen — and replay them with verification. A missing interpreter is announced on
 * stderr and its tests are reported as skipped, never as passed.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveInterpreterFor } from '@pymem/cpython';
import { Replayer } from '@pymem/runtime';
import { decodePmt } from '@pymem/tracing';
import { RECORDED_PROFILE_NAMES } from '@pymem/versions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordScript, WORKLOADS } from './support/fixtures.ts';
import { programSteps, renderProgram } from './support/program-generator.ts';

const scratch = mkdtempSync(join(tmpdir(), 'pymem-live-'));

for (const profile of RECORDED_PROFILE_NAMES) {
  const interpreter = liveInterpreterFor(profile, 'allocator fidelity');
  describe.skipIf(!interpreter)(`live CPython ${profile}`, () => {
    for (const workload of WORKLOADS) {
      it(`re-records ${workload} and replays it exactly`, async () => {
        const { trace, warnings } = decodePmt(await recordScript(interpreter!, workload));
        expect(warnings).toEqual([]);
        const replayer = new Replayer(trace, { verify: true });
        replayer.runToEnd();
        expect(replayer.counts.marksChecked).toBeGreaterThanOrEqual(3);
      });
    }

    it('replays random programs it has never seen exactly', async () => {
      const programs = fc.sample(programSteps, {
        numRuns: 3,
        seed: 7000 + Number(profile.split('.')[1]),
      });
      for (const [index, steps] of programs.entries()) {
        const script = join(scratch, `program-${profile}-${index}.py`);
        writeFileSync(script, renderProgram(steps));
        const { trace } = decodePmt(await recordScript(interpreter!, script));
        const replayer = new Replayer(trace, { verify: true });
        try {
          replayer.runToEnd();
        } catch (error) {
          throw new Error(`${script}: ${(error as Error).message}`);
        }
        expect(replayer.counts.marksChecked).toBe(steps.length);
      }
    });
  });
}
