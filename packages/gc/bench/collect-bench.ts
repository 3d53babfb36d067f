/**
 * The collector's speed against CPython's on the same object graphs:
 *   live      a full collection over 1,000,000 live tracked lists (held by one list)
 *   cycles    a full collection freeing 1,000,000 self-referencing lists
 * Each is timed around `gc.collect()` only (building the graph is not timed), best of
 * three, and printed as model time / CPython time (goal: within 3×).
 *
 *   pnpm --filter @pymem/gc bench [-- 3.12]     (default: every interpreter found)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveInterpreters, runProbe } from '@pymem/cpython';
import { Collector, GcModule, TestGraph } from '@pymem/gc';
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

function modelMs(profile: ProfileName, kind: 'live' | 'cycles'): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < RUNS; run++) {
    const graph = new TestGraph({ capacity: N + 16 });
    const collector = new Collector({ profile, graph });
    graph.attach(collector);
    const gc = new GcModule(collector);
    gc.disable();
    if (kind === 'live') {
      const holder = graph.newObject('list');
      for (let i = 0; i < N; i++) {
        const item = graph.newObject('list');
        graph.addReference(holder, item);
        graph.decref(item);
      }
    } else {
      for (let i = 0; i < N; i++) {
        const a = graph.newObject('list');
        graph.addReference(a, a);
        graph.decref(a);
      }
    }
    const start = performance.now();
    const found = gc.collect();
    const elapsed = performance.now() - start;
    if (kind === 'cycles' && found !== N)
      throw new Error(`model collected ${found}, expected ${N}`);
    if (kind === 'live' && found !== 0) throw new Error(`model collected ${found}, expected 0`);
    best = Math.min(best, elapsed);
  }
  return best;
}

const wanted = process.argv.slice(2).filter((arg) => arg !== '--');
const script = join(mkdtempSync(join(tmpdir(), 'pymem-gc-bench-')), 'bench.py');
writeFileSync(script, PYTHON);
// One interpreter per profile: the first found (pyenv before PATH).
const interpreters = liveInterpreters().filter(
  (interpreter, index, all) =>
    interpreter.profile !== null &&
    (wanted.length === 0 || wanted.includes(interpreter.profile)) &&
    all.findIndex((other) => other.profile === interpreter.profile) === index,
);
if (interpreters.length === 0) console.log('*** no CPython interpreter found: model times only');
console.log('profile  workload  model ms  CPython ms  ratio');
for (const profile of (interpreters.length
  ? interpreters.map((i) => i.profile!)
  : ['3.12']) as ProfileName[]) {
  const interpreter = interpreters.find((candidate) => candidate.profile === profile);
  const cpython = interpreter
    ? runProbe<{ live: number; cycles: number }>(interpreter.path, script, { timeoutMs: 600_000 })
    : null;
  for (const kind of ['live', 'cycles'] as const) {
    const model = modelMs(profile, kind);
    const real = cpython?.[kind];
    console.log(
      `${profile.padEnd(8)} ${kind.padEnd(9)} ${model.toFixed(1).padStart(8)} ${real === undefined ? '         -' : real.toFixed(1).padStart(10)}  ${real === undefined ? '-' : `${(model / real).toFixed(2)}×`}`,
    );
  }
}
