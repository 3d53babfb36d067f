/**
 * Object creations + frees per second: the model (@pymem/objects on @pymem/obmalloc)
 * next to a real CPython doing the same in a timing loop, printed as a ratio.
 *
 *   pnpm --filter @pymem/objects bench [-- --python /path/to/python3.12] [--n 1000000] [--json]
 *
 * Each workload builds and drops N small objects one at a time: lists of 3 items,
 * dicts of 2 str keys, 3-tuples, and instances of a plain class with 2 attributes
 * (the items are pre-existing objects, so only the container is made and freed). The
 * interpreter defaults to `python3` on PATH (or PYMEM_PYTHON); its version picks the
 * model's profile. With `--json` it prints one JSON object instead of the table:
 * `{"profile", "python", "n", "workloads": {<name>: {"model_per_s", "cpython_per_s"}}}`
 * (read by the top-level `pnpm bench`).
 */
import { execFileSync } from 'node:child_process';
import { Heap, type ObjectHandle } from '@pymem/objects';
import { PROFILE_NAMES, type ProfileName } from '@pymem/versions';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const python = option('--python') ?? process.env.PYMEM_PYTHON ?? 'python3';
const n = Number(option('--n') ?? 1_000_000);
const version = execFileSync(python, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], {
  encoding: 'utf8',
}).trim();
if (!(PROFILE_NAMES as readonly string[]).includes(version)) {
  throw new Error(`${python} is CPython ${version}: pass --python with a CPython 3.8–3.13`);
}
const profile = version as ProfileName;

type Workload = 'list' | 'dict' | 'tuple' | 'instance';
const WORKLOADS: readonly Workload[] = ['list', 'dict', 'tuple', 'instance'];

const PYTHON_LOOPS: Record<Workload, string> = {
  list: 'x = [a, b, c]',
  dict: 'x = {"k1": a, "k2": b}',
  tuple: 'x = (a, b, c)',
  instance: 'x = C(); x.p = a; x.q = b',
};

/** Seconds CPython takes for n iterations of the workload (loop overhead subtracted). */
function cpythonSeconds(workload: Workload): number {
  const script = `
import time, gc
gc.disable()
class C: pass
def run(n, a, b, c):
    t = time.perf_counter()
    for _ in range(n):
        ${PYTHON_LOOPS[workload]}
        x = None
    return time.perf_counter() - t
def empty(n, a, b, c):
    t = time.perf_counter()
    for _ in range(n):
        x = None
    return time.perf_counter() - t
a, b, c = 1000, 2000.5, "s"
run(10000, a, b, c)
print(max(1e-9, min(run(${n}, a, b, c) for _ in range(3)) - min(empty(${n}, a, b, c) for _ in range(3))))
`;
  return Number(execFileSync(python, ['-I', '-c', script], { encoding: 'utf8' }).trim());
}

/** Seconds the model takes for n creations + frees of the workload. */
function modelSeconds(workload: Workload): number {
  const heap = new Heap({ profile });
  const a = heap.newInt(1000);
  const b = heap.newFloat(2000.5);
  const c = heap.newStr('s');
  const k1 = heap.newStr('k1');
  const k2 = heap.newStr('k2');
  const C = heap.newClass('C');
  const make: () => ObjectHandle = {
    list: () => heap.newList([a, b, c]),
    dict: () => {
      const d = heap.newDictPresized(2, true);
      heap.dictSetItem(d, k1, a);
      heap.dictSetItem(d, k2, b);
      return d;
    },
    tuple: () => heap.newTuple([a, b, c]),
    instance: () => {
      const o = heap.newInstance(C);
      heap.setAttr(o, 'p', a);
      heap.setAttr(o, 'q', b);
      return o;
    },
  }[workload];
  for (let i = 0; i < 10_000; i++) heap.decref(make());
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) heap.decref(make());
    best = Math.min(best, (performance.now() - t) / 1000);
  }
  return best;
}

const rate = (seconds: number): string => `${(n / seconds / 1e6).toFixed(2)} M/s`;
const results = WORKLOADS.map((workload) => ({
  workload,
  model: n / modelSeconds(workload),
  cpython: n / cpythonSeconds(workload),
}));
if (process.argv.includes('--json')) {
  const workloads = Object.fromEntries(
    results.map((r) => [r.workload, { model_per_s: r.model, cpython_per_s: r.cpython }]),
  );
  console.log(JSON.stringify({ profile, python, n, workloads }));
} else {
  console.log(
    `objects bench: ${n.toLocaleString('en')} creations + frees each, model profile ${profile} vs ${python} (CPython ${version})`,
  );
  console.log('workload   model        CPython      model/CPython');
  for (const r of results) {
    console.log(
      `${r.workload.padEnd(10)} ${rate(n / r.model).padEnd(12)} ${rate(n / r.cpython).padEnd(12)} ${(r.model / r.cpython).toFixed(2)}×`,
    );
  }
}
