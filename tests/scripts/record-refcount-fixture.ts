/**
 * Records the reference-count truth of tests/model-trace.test.ts
 * (`tsx --conditions=@pymem/source tests/scripts/record-refcount-fixture.ts`): runs
 * refcount_probe.py on every reference release of 3.8 … 3.13 found here and on
 * Pyodide (CPython 3.14, wasm32) and writes tests/fixtures/objects/refcounts.json —
 * per interpreter, `sys.getrefcount` of one str after each step of the probe.
 * Interpreters it cannot find keep their previous entry, loudly.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { liveInterpreters, runProbe } from '@pymem/cpython';
import { PROFILES, RECORDED_PROFILE_NAMES } from '@pymem/versions';
import { runInPyodide } from './pyodide-probe.ts';

/** What refcount_probe.py prints. */
export interface RefcountProbeResult {
  readonly version: string;
  readonly counts: readonly number[];
}

/** The probe script. */
export const REFCOUNT_PROBE: string = join(import.meta.dirname, 'refcount_probe.py');
/** The fixture: interpreter version → counts. */
export const REFCOUNT_FIXTURE: string = join(
  import.meta.dirname,
  '..',
  'fixtures',
  'objects',
  'refcounts.json',
);

async function main(): Promise<void> {
  const fixture: Record<string, readonly number[]> = existsSync(REFCOUNT_FIXTURE)
    ? JSON.parse(readFileSync(REFCOUNT_FIXTURE, 'utf8'))
    : {};
  for (const name of RECORDED_PROFILE_NAMES) {
    const release = PROFILES[name].referenceRelease;
    const interpreter = liveInterpreters().find((candidate) => candidate.version === release);
    if (!interpreter) {
      console.error(
        `*** SKIPPED ${release}: not found; ${fixture[release] ? 'kept its previous entry' : 'NO ENTRY'}`,
      );
      continue;
    }
    fixture[release] = runProbe<RefcountProbeResult>(interpreter.path, REFCOUNT_PROBE).counts;
  }
  const pyodide = await runInPyodide<RefcountProbeResult>(REFCOUNT_PROBE, {}, 'probe()');
  if (pyodide) fixture[pyodide.version] = pyodide.counts;
  else console.error('*** SKIPPED Pyodide: kept its previous entry');
  const rows = Object.entries(fixture).map(
    ([version, counts]) => `  "${version}": ${JSON.stringify(counts).replace(/,/g, ', ')}`,
  );
  writeFileSync(REFCOUNT_FIXTURE, `{\n${rows.join(',\n')}\n}\n`);
  console.log(`wrote ${REFCOUNT_FIXTURE}: ${Object.keys(fixture).join(', ')}`);
}

if (process.argv[1] === import.meta.filename) await main();
