/**
 * Records the truth of the collector on the heap (`pnpm --filter @pymem/tests
 * gc-heap-fixtures`): on every release of 3.8 … 3.13 found here, runs
 * gc_heap_probe.py into tests/fixtures/gc/gc-heap-<profile>.json
 * (tests/gc-heap.live.test.ts) and records tests/programs/gc_frees.py into
 * tests/fixtures/gc/gc-frees.json (tests/gc-frees.test.ts); and the probe in Pyodide
 * (CPython 3.14.2) into gc-heap-3.14.2-pyodide.json; and heap_type_probe.py (a class
 * statement's sizes and blocks) on all of them into tests/fixtures/gc/heap-types.json
 * (tests/gc-heap-types.live.test.ts). Interpreters it cannot find keep their previous
 * entries, loudly.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { liveInterpreterFor, runProbe } from '@pymem/cpython';
import { PROFILES, RECORDED_PROFILE_NAMES } from '@pymem/versions';
import { recordGcFrees } from './gc-frees.ts';
import { runInPyodide } from './pyodide-probe.ts';

const here = import.meta.dirname;
for (const profile of RECORDED_PROFILE_NAMES) {
  const interpreter = liveInterpreterFor(profile, 'recording gc-heap fixtures');
  if (!interpreter) continue;
  const result = runProbe(interpreter.path, join(here, 'gc_heap_probe.py'));
  const path = join(here, '..', 'fixtures', 'gc', `gc-heap-${profile}.json`);
  writeFileSync(path, `${JSON.stringify(result)}\n`);
  process.stdout.write(`${path}\n`);
}

const freesPath = join(here, '..', 'fixtures', 'gc', 'gc-frees.json');
const frees: Record<string, Record<string, string[]>> = existsSync(freesPath)
  ? JSON.parse(readFileSync(freesPath, 'utf8'))
  : {};
for (const profile of RECORDED_PROFILE_NAMES) {
  const interpreter = liveInterpreterFor(profile, 'recording gc-frees fixtures');
  if (interpreter) frees[PROFILES[profile].referenceRelease] = await recordGcFrees(interpreter);
}
writeFileSync(freesPath, `${JSON.stringify(frees, null, 1)}\n`);
process.stdout.write(`${freesPath}\n`);

const pyodide = await runInPyodide(join(here, 'gc_heap_probe.py'), {}, 'run()');
if (pyodide !== null) {
  const pyodidePath = join(here, '..', 'fixtures', 'gc', 'gc-heap-3.14.2-pyodide.json');
  writeFileSync(pyodidePath, `${JSON.stringify(pyodide)}\n`);
  process.stdout.write(`${pyodidePath}\n`);
}

const heapTypesPath = join(here, '..', 'fixtures', 'gc', 'heap-types.json');
const heapTypes: Record<string, unknown> = existsSync(heapTypesPath)
  ? JSON.parse(readFileSync(heapTypesPath, 'utf8'))
  : {};
for (const profile of RECORDED_PROFILE_NAMES) {
  const interpreter = liveInterpreterFor(profile, 'recording heap-type fixtures');
  if (interpreter)
    heapTypes[profile] = runProbe(interpreter.path, join(here, 'heap_type_probe.py'));
}
const pyodideTypes = await runInPyodide(join(here, 'heap_type_probe.py'), {}, 'run()');
if (pyodideTypes !== null) heapTypes['3.14.2-pyodide'] = pyodideTypes;
writeFileSync(heapTypesPath, `${JSON.stringify(heapTypes, null, 1)}\n`);
process.stdout.write(`${heapTypesPath}\n`);
