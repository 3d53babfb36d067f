/**
 * `pymem run` speed: allocation-heavy Python programs executed by the model
 * (@pymem/python on @pymem/objects) next to a real CPython running the same source,
 * printed as a ratio (model speed / CPython speed; the goal is ≥ 0.1).
 *
 *   pnpm --filter @pymem/python bench [-- --python /path/to/python3.12] [--n 200000] [--json]
 *
 * Each workload is a `while` loop of N iterations that makes and drops objects: small
 * lists, dicts with str keys, tuples of big ints, a growing-then-reset list of
 * floats, and a dict filled from a 20,000-item list by index, then iterated. CPython times the program's own execution (compile excluded, best of 3, the
 * collector off, as the model has none); the model times runPython (compile included),
 * best of 3. The interpreter defaults to `python3` on PATH (or PYMEM_PYTHON); its
 * version picks the model's profile. With `--json` it prints one JSON object:
 * `{"profile", "python", "n", "workloads": {<name>: {"model_s", "cpython_s", "ratio"}}}`.
 */
import { execFileSync } from 'node:child_process';
import { RUN_PROFILES, runPython } from '@pymem/python';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const python = option('--python') ?? process.env.PYMEM_PYTHON ?? 'python3';
const n = Number(option('--n') ?? 200_000);
const version = execFileSync(python, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], {
  encoding: 'utf8',
}).trim();
if (!RUN_PROFILES.includes(version)) {
  throw new Error(`${python} is CPython ${version}: pass --python with a CPython 3.8–3.13`);
}

const WORKLOADS: Record<string, string> = {
  lists: `i = 0\nwhile i < N:\n    x = [i, i, i]\n    i += 1\n`,
  dicts: `i = 0\nwhile i < N:\n    d = {'id': i, 'name': 'x', 'ok': True}\n    i += 1\n`,
  tuples: `i = 0\nwhile i < N:\n    t = (i * 1000, i * 2000)\n    i += 1\n`,
  growth: `l = []\ni = 0\nwhile i < N:\n    l.append(i * 0.5)\n    if len(l) > 1000:\n        l = []\n    i += 1\n`,
  // Indexing and iterating containers of 20,000 items: each step must not copy them.
  large: `l = list(range(20000))\nd = {}\ni = 0\nwhile i < N:\n    j = i % 20000\n    d[j] = l[j]\n    i += 1\nt = 0\nfor k in d:\n    t += d[k]\n`,
};

/** Seconds CPython takes to execute `source` (best of 3, compile excluded). */
function cpythonSeconds(source: string): number {
  const script = `
import gc, time
gc.disable()
code = compile(${JSON.stringify(source)}, 'bench.py', 'exec')
best = 1e9
for _ in range(3):
    t = time.perf_counter()
    exec(code, {'__name__': '__main__'})
    best = min(best, time.perf_counter() - t)
print(best)
`;
  return Number(execFileSync(python, ['-I', '-c', script], { encoding: 'utf8' }).trim());
}

/** Seconds the model takes to compile and run `source` (best of 3). */
function modelSeconds(source: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    const t = performance.now();
    const run = runPython(source, { python: version, maxSteps: 100 * n });
    if (run.outcome !== 'ok') throw new Error(`the model refused the bench program: ${run.stderr}`);
    best = Math.min(best, (performance.now() - t) / 1000);
  }
  return best;
}

const results = Object.entries(WORKLOADS).map(([workload, body]) => {
  const source = `N = ${n}\n${body}`;
  const model = modelSeconds(source);
  const cpython = cpythonSeconds(source);
  return { workload, model, cpython, ratio: cpython / model };
});
if (process.argv.includes('--json')) {
  const workloads = Object.fromEntries(
    results.map((r) => [r.workload, { model_s: r.model, cpython_s: r.cpython, ratio: r.ratio }]),
  );
  console.log(JSON.stringify({ profile: version, python, n, workloads }));
} else {
  console.log(
    `run bench: ${n.toLocaleString('en')} iterations each, model ${version} vs ${python}`,
  );
  console.log('workload   model      CPython    model speed / CPython');
  for (const r of results) {
    console.log(
      `${r.workload.padEnd(10)} ${`${r.model.toFixed(3)} s`.padEnd(10)} ${`${r.cpython.toFixed(3)} s`.padEnd(10)} ${r.ratio.toFixed(3)}×`,
    );
  }
}
