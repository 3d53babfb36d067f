/**
 * The collector's speed against CPython's on the same object graphs, the model running
 * on the object heap (`HeapCollector` over `@pymem/objects` over `@pymem/obmalloc`):
 *   live      a full collection over 1,000,000 live tracked lists (held by one list)
 *   cycles    a full collection freeing 1,000,000 self-referencing lists: tp_clear,
 *             the decref cascade and every block back to pymalloc
 * Each is timed around `gc.collect()` only (building the graph is not timed; with
 * `--expose-gc` the JavaScript heap is collected first, so the build's garbage is not
 * charged to the collection), best of three, and printed as model time / CPython time
 * (goal: within 3×).
 *
 *   pnpm --filter @pymem/gc bench [-- 3.12]          (default: every interpreter found)
 *   pnpm --filter @pymem/gc bench -- --json [3.12]   one profile (default: the newest
 *     found), one line: {"live": {"model_ms", "cpython_ms"}, "cycles": {…}}; cpython_ms
 *     is null when no interpreter of that profile is found
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveInterpreters, runProbe } from '@pymem/cpython';
import { HeapCollector } from '@pymem/gc';
import { Heap } from '@pymem/objects';
import type { ProfileName } from '@pymem/versions';

const N = 1_000_000;
const RUNS = 3;

const PYTHON = `
import gc, json, time
N = ${N}
def best(build):
    times = []
    for _ in range(${RUNS}):
        gc.collect(); gc.disable()
        keep = build()
        start = time.perf_counter(); gc.collect(); elapsed = time.perf_counter() - start
        times.append(elapsed * 1000)
        del keep; gc.collect(); gc.enable()
    return min(times)
def live():
    return [[] for _ in range(N)]
def cycles():
    for _ in range(N):
        a = []
        a.append(a)
    del a
    return None
print(json.dumps({"live": best(live), "cycles": best(cycles)}))
`;

const collectJsHeap = (globalThis as { gc?: () => void }).gc;

function modelMs(profile: ProfileName, kind: 'live' | 'cycles'): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < RUNS; run++) {
    const heap = new Heap({ profile });
    const { gc } = new HeapCollector(heap);
    gc.disable();
    let holder = 0;
    if (kind === 'live') {
      holder = heap.newList();
      for (let i = 0; i < N; i++) {
        const item = heap.newList();
        heap.listAppend(holder, item);
        heap.decref(item);
      }
    } else {
      for (let i = 0; i < N; i++) {
        const a = heap.newList();
        heap.listAppend(a, a);
        heap.decref(a);
      }
    }
    collectJsHeap?.();
    const start = performance.now();
    const found = gc.collect();
    const elapsed = performance.now() - start;
    if (kind === 'cycles' && found !== N)
      throw new Error(`model collected ${found}, expected ${N}`);
    if (kind === 'live' && found !== 0) throw new Error(`model collected ${found}, expected 0`);
    if (kind === 'cycles' && heap.obmalloc.getAllocatedBlocks() !== heap.foreignBlocks)
      throw new Error('model: blocks left after freeing every cycle');
    if (holder !== 0) heap.decref(holder);
    best = Math.min(best, elapsed);
  }
  return best;
}

const json = process.argv.includes('--json');
const wanted = process.argv.slice(2).filter((arg) => arg !== '--' && arg !== '--json');
const script = join(mkdtempSync(join(tmpdir(), 'pymem-gc-bench-')), 'bench.py');
writeFileSync(script, PYTHON);
// One interpreter per profile: the first found (pyenv before PATH).
const interpreters = liveInterpreters().filter(
  (interpreter, index, all) =>
    interpreter.profile !== null &&
    (wanted.length === 0 || wanted.includes(interpreter.profile)) &&
    all.findIndex((other) => other.profile === interpreter.profile) === index,
);
type Times = Record<'live' | 'cycles', { model_ms: number; cpython_ms: number | null }>;

/** Both workloads on the model and (when found) on CPython `profile`. */
function measure(profile: ProfileName): Times {
  const interpreter = interpreters.find((candidate) => candidate.profile === profile);
  const cpython = interpreter
    ? runProbe<{ live: number; cycles: number }>(interpreter.path, script, { timeoutMs: 600_000 })
    : null;
  return {
    live: { model_ms: modelMs(profile, 'live'), cpython_ms: cpython?.live ?? null },
    cycles: { model_ms: modelMs(profile, 'cycles'), cpython_ms: cpython?.cycles ?? null },
  };
}

if (!collectJsHeap && !json)
  console.log('*** run with --expose-gc to keep JavaScript garbage out of the timings');
if (json) {
  const newest = interpreters
    .map((i) => i.profile!)
    .sort((a, b) => Number(a.slice(2)) - Number(b.slice(2)))
    .at(-1);
  const profile = (wanted[0] ?? newest ?? '3.12') as ProfileName;
  console.log(JSON.stringify(measure(profile)));
} else {
  if (interpreters.length === 0) console.log('*** no CPython interpreter found: model times only');
  console.log('profile  workload  model ms  CPython ms  ratio');
  const profiles = (
    interpreters.length ? interpreters.map((i) => i.profile!) : ['3.12']
  ) as ProfileName[];
  for (const profile of profiles) {
    const times = measure(profile);
    for (const kind of ['live', 'cycles'] as const) {
      const { model_ms: model, cpython_ms: real } = times[kind];
      console.log(
        `${profile.padEnd(8)} ${kind.padEnd(9)} ${model.toFixed(1).padStart(8)} ${real === null ? '         -' : real.toFixed(1).padStart(10)}  ${real === null ? '-' : `${(model / real).toFixed(2)}×`}`,
      );
    }
  }
}
