/**
 * Records the truth of tests/model-trace.test.ts
 * (`tsx --conditions=@pymem/source tests/scripts/record-model-trace-fixtures.ts`):
 *   - refcount_probe.py on every reference release of 3.8 … 3.13 found here and on
 *     Pyodide (CPython 3.14, wasm32) → tests/fixtures/objects/refcounts.json: per
 *     interpreter, `sys.getrefcount` of one str after each step of the probe;
 *   - collector_records_probe.py on 3.8 … 3.13 (3.14.0–3.14.4, Pyodide's, run the
 *     incremental collector, which pymem does not model) →
 *     tests/fixtures/gc/collector-records.json: what gc.callbacks reported.
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

/** One gc.callbacks call: phase, generation, collected, uncollectable. */
export type CallbackEvent = readonly [phase: 'start' | 'stop', number, number, number];

/** What collector_records_probe.py prints. */
export interface CollectorProbeResult {
  readonly version: string;
  readonly events: readonly CallbackEvent[];
}

/** The reference-count probe script. */
export const REFCOUNT_PROBE: string = join(import.meta.dirname, 'refcount_probe.py');
/** Its fixture: interpreter version → counts. */
export const REFCOUNT_FIXTURE: string = join(
  import.meta.dirname,
  '..',
  'fixtures',
  'objects',
  'refcounts.json',
);
/** The collector probe script. */
export const COLLECTOR_PROBE: string = join(import.meta.dirname, 'collector_records_probe.py');
/** Its fixture: interpreter version → gc.callbacks calls. */
export const COLLECTOR_FIXTURE: string = join(
  import.meta.dirname,
  '..',
  'fixtures',
  'gc',
  'collector-records.json',
);

function readFixture<T>(path: string): Record<string, T> {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, T>) : {};
}

/** One line per interpreter: small, and diffs show which interpreter changed. */
function writeFixture(path: string, fixture: Record<string, unknown>): void {
  const rows = Object.entries(fixture).map(
    ([version, value]) => `  "${version}": ${JSON.stringify(value).replace(/,/g, ', ')}`,
  );
  writeFileSync(path, `{\n${rows.join(',\n')}\n}\n`);
  console.log(`wrote ${path}: ${Object.keys(fixture).join(', ')}`);
}

async function main(): Promise<void> {
  const refcounts = readFixture<readonly number[]>(REFCOUNT_FIXTURE);
  const collector = readFixture<readonly CallbackEvent[]>(COLLECTOR_FIXTURE);
  for (const name of RECORDED_PROFILE_NAMES) {
    const release = PROFILES[name].referenceRelease;
    const interpreter = liveInterpreters().find((candidate) => candidate.version === release);
    if (!interpreter) {
      console.error(`*** SKIPPED ${release}: not found; kept its previous entries (if any)`);
      continue;
    }
    refcounts[release] = runProbe<RefcountProbeResult>(interpreter.path, REFCOUNT_PROBE).counts;
    collector[release] = runProbe<CollectorProbeResult>(interpreter.path, COLLECTOR_PROBE).events;
  }
  const pyodide = await runInPyodide<RefcountProbeResult>(REFCOUNT_PROBE, {}, 'probe()');
  if (pyodide) refcounts[pyodide.version] = pyodide.counts;
  else console.error('*** SKIPPED Pyodide: kept its previous entry');
  writeFixture(REFCOUNT_FIXTURE, refcounts);
  writeFixture(COLLECTOR_FIXTURE, collector);
}

if (process.argv[1] === import.meta.filename) await main();
