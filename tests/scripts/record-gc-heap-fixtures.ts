/**
 * Records the truth of tests/gc-heap.live.test.ts (`pnpm --filter @pymem/tests
 * gc-heap-fixtures`): runs gc_heap_probe.py on every release of 3.8 … 3.13 found here
 * and writes tests/fixtures/gc/gc-heap-<profile>.json. Interpreters it cannot find
 * keep their previous fixture, loudly.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { liveInterpreterFor, runProbe } from '@pymem/cpython';
import { RECORDED_PROFILE_NAMES } from '@pymem/versions';

const here = import.meta.dirname;
for (const profile of RECORDED_PROFILE_NAMES) {
  const interpreter = liveInterpreterFor(profile, 'recording gc-heap fixtures');
  if (!interpreter) continue;
  const result = runProbe(interpreter.path, join(here, 'gc_heap_probe.py'));
  const path = join(here, '..', 'fixtures', 'gc', `gc-heap-${profile}.json`);
  writeFileSync(path, `${JSON.stringify(result)}\n`);
  process.stdout.write(`${path}\n`);
}
