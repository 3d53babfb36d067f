/**
 * Re-records the ground-truth fixtures from the real interpreters on this machine
 * (`pnpm fixtures`): every workload under every reference release of 3.8 … 3.13.
 * Each new trace is replayed with verification before it is written, and the
 * script says loudly which versions it could not record.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { liveInterpreters } from '@pymem/cpython';
import { Replayer } from '@pymem/runtime';
import { decodePmt } from '@pymem/tracing';
import { PROFILES, RECORDED_PROFILE_NAMES } from '@pymem/versions';
import { compressTrace, fixturePath, recordScript, WORKLOADS } from '../support/fixtures.ts';

let failures = 0;
let total = 0;
for (const name of RECORDED_PROFILE_NAMES) {
  const release = PROFILES[name].referenceRelease;
  const interpreter = liveInterpreters().find((candidate) => candidate.version === release);
  if (!interpreter) {
    console.error(
      `*** SKIPPED ${name}: CPython ${release} not found; its fixtures were kept as they are`,
    );
    failures++;
    continue;
  }
  for (const workload of WORKLOADS) {
    const bytes = await recordScript(interpreter, workload);
    const replayer = new Replayer(decodePmt(bytes).trace, { verify: true });
    let verdict = 'exact';
    try {
      replayer.runToEnd();
    } catch (error) {
      verdict = `DIVERGED: ${(error as Error).message}`;
      failures++;
    }
    const path = fixturePath(release, workload);
    mkdirSync(dirname(path), { recursive: true });
    const compressed = compressTrace(bytes);
    writeFileSync(path, compressed);
    total += compressed.length;
    console.log(
      `${release} ${workload.padEnd(16)} ${String(replayer.counts.events).padStart(8)} events ` +
        `${String(compressed.length).padStart(8)} bytes  ${verdict}`,
    );
  }
}
console.log(`fixtures: ${total.toLocaleString('en-US')} bytes in all`);
process.exitCode = failures > 0 ? 1 : 0;
