/**
 * `pnpm --filter @pymem/bench hot`: the replay hot paths alone, for profiling
 * (`node --cpu-prof --conditions=@pymem/source --import tsx bench/hot-paths.ts`).
 * The recording is bench/workloads/churn.py on CPython 3.12 (kept in the cache
 * directory once recorded), or the `.pmt` file given with `--file`. Rows (`--rows`,
 * comma-separated; all by default):
 *   decode     decodePmt of the whole file
 *   model      a Replayer over the decoded trace (the model alone)
 *   scan       scanPmt: the streamed reader's first pass (checksums, notes)
 *   windows    a second pass over the windows alone (what a streamed replay decodes)
 *   streamed   scan + a Replayer over the streamed trace (`pymem replay` of a .pmt
 *              file without start-up, reading and output)
 * Each row shows its best wall time and its best CPU time of `--repeat` runs (all
 * threads: the collector's included), which other jobs on a shared machine disturb
 * less, and the young-generation collections per run: a hot loop that allocates a
 * heap number per event (an address stored in a field, or passed to a call the JIT
 * did not inline) shows as dozens of them. pnpm bench (run.ts) holds the goals and
 * anchors.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GCProfiler } from 'node:v8';
import { cacheDirectory, liveInterpreters } from '@pymem/cpython';
import { record } from '@pymem/recorder';
import { Replayer } from '@pymem/runtime';
import { decodePmt, encodePmtBytes, parseTextTrace, scanPmt } from '@pymem/tracing';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const repeat = Number(option('--repeat') ?? 5);
const rows = new Set((option('--rows') ?? 'decode,model,scan,windows,streamed').split(','));

/** The churn.py recording, recorded once into the cache directory. */
async function churn(): Promise<{ bytes: Uint8Array; name: string } | null> {
  const interpreter = liveInterpreters().find((candidate) => candidate.profile === '3.12');
  if (!interpreter) return null;
  const dir = join(cacheDirectory(), 'bench', interpreter.version);
  mkdirSync(dir, { recursive: true });
  const pmtPath = join(dir, 'churn.pmt');
  const name = `churn.py on CPython ${interpreter.version}`;
  try {
    return { bytes: readFileSync(pmtPath), name };
  } catch {
    const textPath = join(dir, 'churn.pymem.txt');
    const recorded = await record({
      interpreter,
      args: ['-I', '-S', join(import.meta.dirname, 'workloads', 'churn.py')],
      output: textPath,
      stdio: 'pipe',
    });
    if (recorded.status !== 0) throw new Error(`recording failed: ${recorded.stderr}`);
    const bytes = encodePmtBytes(parseTextTrace(readFileSync(textPath, 'utf8')));
    writeFileSync(pmtPath, bytes);
    return { bytes, name };
  }
}

const file = option('--file');
const input = file ? { bytes: readFileSync(file), name: file } : await churn();
if (!input) {
  console.log('hot-paths: needs CPython 3.12 (pyenv install 3.12.1) or --file FILE.pmt');
  process.exit(0);
}
const pmt = input.bytes;
const source = { size: pmt.length, read: (at: number, n: number) => pmt.subarray(at, at + n) };
const length = scanPmt(source)?.trace.length ?? decodePmt(pmt).trace.length;

function best(label: string, run: () => void): void {
  let wall = Number.POSITIVE_INFINITY;
  let cpu = Number.POSITIVE_INFINITY;
  const collections = new GCProfiler();
  collections.start();
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    run();
    const used = process.cpuUsage(startCpu);
    wall = Math.min(wall, performance.now() - start);
    cpu = Math.min(cpu, (used.user + used.system) / 1000);
  }
  const scavenges =
    collections.stop()?.statistics.filter((entry) => entry.gcType === 'Scavenge').length ?? 0;
  const rate = Math.round((length / wall) * 1000).toLocaleString('en-US');
  console.log(
    `${label}: best of ${repeat} ${wall.toFixed(1)} ms (${cpu.toFixed(1)} ms CPU), ${rate} events/s, ${(scavenges / repeat).toFixed(1)} scavenges a run`,
  );
}

console.log(`${input.name}: ${length.toLocaleString('en-US')} events`);
if (rows.has('decode')) best('.pmt decoding', () => decodePmt(pmt));
if (rows.has('model')) {
  const trace = decodePmt(pmt).trace;
  best('model replay', () => new Replayer(trace).runToEnd());
}
if (rows.has('scan')) best('streamed: scan', () => scanPmt(source));
if (rows.has('windows')) {
  const trace = scanPmt(source)!.trace;
  best('streamed: windows', () => {
    const windows = trace.windows();
    while (!windows.next().done);
  });
}
if (rows.has('streamed'))
  best('streamed: scan + replay', () => new Replayer(scanPmt(source)!.trace).runToEnd());
