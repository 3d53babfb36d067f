/**
 * Records the object-size truth (`pnpm --filter @pymem/tests objects-fixtures`): runs
 * objects_probe.py on every reference release of 3.8 … 3.13 found here and on Pyodide
 * (CPython 3.14, wasm32), and writes tests/fixtures/objects/sizes.json.br — per
 * interpreter, `sys.getsizeof` and `gc.is_tracked` of every recipe in
 * object-recipes.ts — and tests/fixtures/objects/requests.json.br: the allocator
 * calls of each section of tests/programs/object_requests.py, recorded with
 * `pymem record` on 3.8 … 3.13. Interpreters it cannot find keep their previous
 * entry, loudly.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { type Interpreter, liveInterpreters, runProbe } from '@pymem/cpython';
import { record } from '@pymem/recorder';
import { PROFILES, RECORDED_PROFILE_NAMES } from '@pymem/versions';
import { objectRecipes } from './object-recipes.ts';
import {
  DEEP_LIST_PROGRAM,
  normalize,
  OBJECT_REQUESTS_PROGRAM,
  recordedFreeOrder,
  recordedSections,
} from './object-requests.ts';
import { pyodideStderr, runInPyodide } from './pyodide-probe.ts';

/** What the probe prints for one interpreter. */
export interface ObjectProbeResult {
  readonly version: string;
  readonly pointer: 4 | 8;
  readonly sizes: readonly number[];
  readonly tracked: string;
  /** `sys.getrefcount` of each object while one local name holds it. */
  readonly refcounts: readonly number[];
  /** Per recipe: null (not a set), 'asc' (iterates in ascending order) or the keys in order. */
  readonly orders: readonly (null | 'asc' | readonly number[])[];
  readonly instance: number;
}

/** The fixture: the recipe list it was recorded with and each interpreter's answers. */
export interface ObjectSizesFixture {
  readonly recipes: readonly string[];
  readonly interpreters: Record<string, ObjectProbeResult>;
}

/** Where the fixture lives. */
export const OBJECT_SIZES_FIXTURE: string = join(
  import.meta.dirname,
  '..',
  'fixtures',
  'objects',
  'sizes.json.br',
);

/** The probe script. */
export const OBJECTS_PROBE: string = join(import.meta.dirname, 'objects_probe.py');

/** Reads the committed fixture. */
export function readObjectSizesFixture(): ObjectSizesFixture {
  return JSON.parse(
    brotliDecompressSync(readFileSync(OBJECT_SIZES_FIXTURE)).toString('utf8'),
  ) as ObjectSizesFixture;
}

/** Runs the probe on a CPython executable. */
export function probeObjects(python: string, recipes: readonly string[]): ObjectProbeResult {
  const file = join(tmpdir(), `pymem-recipes-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(recipes));
  return runProbe<ObjectProbeResult>(python, OBJECTS_PROBE, { args: [file] });
}

/** Runs the probe in Pyodide; null when Pyodide cannot be loaded. */
export function probeObjectsInPyodide(
  recipes: readonly string[],
): Promise<ObjectProbeResult | null> {
  return runInPyodide<ObjectProbeResult>(
    OBJECTS_PROBE,
    { RECIPES: recipes },
    'measure(json.loads(RECIPES))',
  );
}

/** Where the allocator-request fixture lives: per release, per section, normalized calls. */
export const OBJECT_REQUESTS_FIXTURE: string = join(
  import.meta.dirname,
  '..',
  'fixtures',
  'objects',
  'requests.json.br',
);

/** Per release, per section label, the normalized allocator calls CPython made. */
export type ObjectRequestsFixture = Record<string, Record<string, string[]>>;

/** Reads the committed allocator-request fixture. */
export function readObjectRequestsFixture(): ObjectRequestsFixture {
  return JSON.parse(
    brotliDecompressSync(readFileSync(OBJECT_REQUESTS_FIXTURE)).toString('utf8'),
  ) as ObjectRequestsFixture;
}

/** Where the free-list fixture lives: per release, the probe's stats lines. */
export const FREELISTS_FIXTURE: string = join(
  import.meta.dirname,
  '..',
  'fixtures',
  'objects',
  'freelists.json',
);

/** The free-list probe script. */
export const FREELISTS_PROBE: string = join(import.meta.dirname, 'freelists_probe.py');

/** The free-list lines of `sys._debugmallocstats` after the probe's fill(). */
export interface FreeListStats {
  readonly pointer: 4 | 8;
  readonly lines: readonly string[];
}

/** Runs the free-list probe in Pyodide (stderr captured); null when Pyodide cannot load. */
export async function probeFreeListsInPyodide(): Promise<FreeListStats | null> {
  const source = readFileSync(FREELISTS_PROBE, 'utf8').replace(
    "if __name__ == '__main__':",
    'if False:',
  );
  const lines = await pyodideStderr(`${source}\nfill()\nsys._debugmallocstats()\n`);
  return lines === null
    ? null
    : { pointer: 4, lines: lines.filter((line) => line.includes(' free ')) };
}

/** Where the trashcan fixture lives: per release, deep_list.py's free order (runs). */
export const TRASHCAN_FIXTURE: string = join(
  import.meta.dirname,
  '..',
  'fixtures',
  'objects',
  'trashcan.json',
);

/** Records a program (text format, `-I -S`; default object_requests.py) and returns the trace text. */
export async function recordObjectRequests(
  interpreter: Interpreter,
  program: string = OBJECT_REQUESTS_PROGRAM,
): Promise<string> {
  const output = join(tmpdir(), `pymem-object-requests-${process.pid}-${Date.now()}.txt`);
  const result = await record({
    interpreter,
    args: ['-I', '-S', program],
    output,
    stdio: 'pipe',
    format: 'text',
  });
  if (result.status !== 0)
    throw new Error(`object_requests.py exited ${result.status}: ${result.stderr.slice(-300)}`);
  return readFileSync(output, 'utf8');
}

async function main(): Promise<void> {
  const recipes = objectRecipes();
  const previous = existsSync(OBJECT_SIZES_FIXTURE) ? readObjectSizesFixture() : undefined;
  const sameRecipes = JSON.stringify(previous?.recipes) === JSON.stringify(recipes);
  const interpreters: Record<string, ObjectProbeResult> = sameRecipes
    ? { ...previous!.interpreters }
    : {};
  let missing = 0;
  for (const name of RECORDED_PROFILE_NAMES) {
    const release = PROFILES[name].referenceRelease;
    const interpreter = liveInterpreters().find((candidate) => candidate.version === release);
    if (!interpreter) {
      console.error(
        `*** SKIPPED ${release}: not found; ${sameRecipes && interpreters[release] ? 'kept its previous entry' : 'NO ENTRY'}`,
      );
      missing++;
      continue;
    }
    interpreters[release] = probeObjects(interpreter.path, recipes);
    console.log(`${release}: ${recipes.length} objects`);
  }
  const requests: ObjectRequestsFixture = existsSync(OBJECT_REQUESTS_FIXTURE)
    ? readObjectRequestsFixture()
    : {};
  for (const name of RECORDED_PROFILE_NAMES) {
    const release = PROFILES[name].referenceRelease;
    const interpreter = liveInterpreters().find((candidate) => candidate.version === release);
    if (!interpreter) continue;
    const sections = recordedSections(await recordObjectRequests(interpreter));
    requests[release] = Object.fromEntries(
      [...sections].map(([label, calls]) => [label, normalize(calls)]),
    );
    console.log(`${release}: allocator calls of ${sections.size} sections`);
  }
  const trashcan: Record<string, number[][]> = existsSync(TRASHCAN_FIXTURE)
    ? (JSON.parse(readFileSync(TRASHCAN_FIXTURE, 'utf8')) as Record<string, number[][]>)
    : {};
  for (const name of RECORDED_PROFILE_NAMES) {
    const release = PROFILES[name].referenceRelease;
    const interpreter = liveInterpreters().find((candidate) => candidate.version === release);
    if (!interpreter) continue;
    trashcan[release] = recordedFreeOrder(
      await recordObjectRequests(interpreter, DEEP_LIST_PROGRAM),
    );
    console.log(`${release}: trashcan order in ${trashcan[release]!.length} runs`);
  }
  writeFileSync(TRASHCAN_FIXTURE, `${JSON.stringify(trashcan)}\n`);
  const freeLists: Record<string, FreeListStats> = existsSync(FREELISTS_FIXTURE)
    ? (JSON.parse(readFileSync(FREELISTS_FIXTURE, 'utf8')) as Record<string, FreeListStats>)
    : {};
  for (const name of RECORDED_PROFILE_NAMES) {
    const release = PROFILES[name].referenceRelease;
    const interpreter = liveInterpreters().find((candidate) => candidate.version === release);
    if (!interpreter) continue;
    freeLists[release] = {
      pointer: 8,
      lines: runProbe<{ lines: string[] }>(interpreter.path, FREELISTS_PROBE).lines,
    };
  }
  const pyodideFreeLists = await probeFreeListsInPyodide();
  if (pyodideFreeLists) freeLists['3.14.2'] = pyodideFreeLists;
  writeFileSync(FREELISTS_FIXTURE, `${JSON.stringify(freeLists, null, 1)}\n`);
  console.log(`wrote ${FREELISTS_FIXTURE}`);
  const requestBytes = brotliCompressSync(JSON.stringify(requests));
  mkdirSync(dirname(OBJECT_REQUESTS_FIXTURE), { recursive: true });
  writeFileSync(OBJECT_REQUESTS_FIXTURE, requestBytes);
  console.log(
    `wrote ${OBJECT_REQUESTS_FIXTURE} (${requestBytes.length.toLocaleString('en-US')} bytes)`,
  );

  const pyodide = await probeObjectsInPyodide(recipes);
  if (pyodide) {
    interpreters[pyodide.version] = pyodide;
    console.log(`${pyodide.version} (Pyodide, wasm32): ${recipes.length} objects`);
  } else {
    missing++;
  }
  mkdirSync(dirname(OBJECT_SIZES_FIXTURE), { recursive: true });
  const bytes = brotliCompressSync(
    JSON.stringify({ recipes, interpreters } satisfies ObjectSizesFixture),
  );
  writeFileSync(OBJECT_SIZES_FIXTURE, bytes);
  console.log(`wrote ${OBJECT_SIZES_FIXTURE} (${bytes.length.toLocaleString('en-US')} bytes)`);
  process.exitCode = missing > 0 ? 1 : 0;
}

if (process.argv[1] === import.meta.filename) await main();
