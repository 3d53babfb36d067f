/**
 * `pnpm --filter @pymem/bench hot`: the replay hot paths alone, for profiling
 * (`node --cpu-prof --conditions=@pymem/source --import tsx bench/hot-paths.ts`):
 * `.pmt` decoding and the model's replay of a recording of bench/workloads/churn.py
 * (kept in the cache directory once recorded), and a streamed replay of the same
 * file. Each row is timed best of `--repeat` runs (default 5); `--rows decode,model,
 * streamed` picks rows. Each row shows its best wall time and its best CPU time (all
 * threads: the collector's included), which other jobs on a shared machine disturb
 * less. pnpm bench (run.ts) holds the goals and anchors.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
const rows = new Set((option('--rows') ?? 'decode,model,streamed').split(','));

const interpreter = liveInterpreters().find((candidate) => candidate.profile === '3.12');
if (!interpreter) {
  console.log('hot-paths: needs CPython 3.12 (pyenv install 3.12.1)');
  process.exit(0);
}
const dir = join(cacheDirectory(), 'bench', interpreter.version);
mkdirSync(dir, { recursive: true });
const pmtPath = join(dir, 'churn.pmt');
let pmt: Uint8Array;
try {
  pmt = readFileSync(pmtPath);
} catch {
  const textPath = join(dir, 'churn.pymem.txt');
  const recorded = await record({
    interpreter,
    args: ['-I', '-S', join(import.meta.dirname, 'workloads', 'churn.py')],
    output: textPath,
    stdio: 'pipe',
  });
  if (recorded.status !== 0) throw new Error(`recording failed: ${recorded.stderr}`);
  pmt = encodePmtBytes(parseTextTrace(readFileSync(textPath, 'utf8')));
  writeFileSync(pmtPath, pmt);
}
const trace = decodePmt(pmt).trace;

function best(label: string, events: number, run: () => void): void {
  let wall = Number.POSITIVE_INFINITY;
  let cpu = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    run();
    const used = process.cpuUsage(startCpu);
    wall = Math.min(wall, performance.now() - start);
    cpu = Math.min(cpu, (used.user + used.system) / 1000);
  }
  const rate = Math.round((events / wall) * 1000).toLocaleString('en-US');
  console.log(
    `${label}: best of ${repeat} ${wall.toFixed(1)} ms (${cpu.toFixed(1)} ms CPU), ${rate} events/s`,
  );
}

console.log(`churn.py on CPython ${interpreter.version}: ${trace.length} events`);
if (rows.has('decode')) best('.pmt decoding', trace.length, () => decodePmt(pmt));
if (rows.has('model')) best('model replay', trace.length, () => new Replayer(trace).runToEnd());
if (rows.has('streamed')) {
  const source = { size: pmt.length, read: (at: number, n: number) => pmt.subarray(at, at + n) };
  best('streamed scan + replay', trace.length, () => {
    new Replayer(scanPmt(source)!.trace).runToEnd();
  });
}
