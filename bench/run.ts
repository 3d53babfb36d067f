/**
 * `pnpm bench`: measures, in one run and on the same machine,
 *   1. the text reader's throughput on a freshly recorded trace (events/s, MB/s);
 *   2. the model's replay loop (events/s);
 *   3. real pymalloc executing the same events through PyObject_Malloc & co.
 *      (native/pymalloc_driver.c, compiled against the interpreter's libpython);
 * and prints the ratios. Speed goals live here, never in unit tests.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveInterpreters } from '@pymem/cpython';
import { buildLauncher, cacheDirectory, findPythonConfig, record } from '@pymem/recorder';
import { Replayer, TraceSeeker } from '@pymem/runtime';
import { Domain, decodePmt, encodePmtBytes, Op, parseTextTrace, type Trace } from '@pymem/tracing';

const REPETITIONS = 5;
const here = import.meta.dirname;
const scratch = mkdtempSync(join(tmpdir(), 'pymem-bench-'));

function best(label: string, run: () => void): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < REPETITIONS; i++) {
    const start = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  process.stderr.write(`  ${label}: best of ${REPETITIONS} ${fastest.toFixed(1)} ms\n`);
  return fastest / 1000;
}

/** The object-allocator events as fixed records with block slots (see the driver). */
function driverRecords(trace: Trace): { buffer: Buffer; events: number } {
  const slotOf = new Map<number, number>();
  const freeSlots: number[] = [];
  let nextSlot = 0;
  const take = () => freeSlots.pop() ?? nextSlot++;
  const out = Buffer.alloc(trace.length * 16);
  let count = 0;
  const put = (op: number, size: number, slot: number, newSlot: number) => {
    const at = count++ * 16;
    out.writeUInt8(op, at);
    out.writeUInt32LE(size >>> 0, at + 4);
    out.writeUInt32LE(slot, at + 8);
    out.writeUInt32LE(newSlot, at + 12);
  };
  for (let i = 0; i < trace.length; i++) {
    const op = trace.op[i]!;
    if (op === Op.arenaAlloc || op === Op.arenaFree || trace.domain[i] === Domain.raw) continue;
    const a = trace.a[i]!;
    const b = trace.b[i]!;
    if (op === Op.malloc || op === Op.calloc) {
      const slot = take();
      if (b !== 0) slotOf.set(b, slot);
      put(op, a, slot, 0);
    } else if (op === Op.realloc) {
      const old = a === 0 ? take() : slotOf.get(a);
      if (old === undefined) continue;
      const result = trace.c[i]!;
      slotOf.delete(a);
      if (result !== 0) slotOf.set(result, old);
      put(op, b, old, old);
    } else {
      const slot = slotOf.get(a);
      if (slot === undefined) continue;
      slotOf.delete(a);
      freeSlots.push(slot);
      put(op, 0, slot, 0);
    }
  }
  return { buffer: out.subarray(0, count * 16), events: count };
}

const interpreter =
  liveInterpreters().find((candidate) => candidate.profile === '3.12') ??
  liveInterpreters().find(
    (candidate) => candidate.profile !== null && candidate.profile !== '3.14',
  );
if (!interpreter) {
  console.log(
    'bench: no CPython 3.8-3.13 interpreter found: nothing to measure (install one with pyenv)',
  );
  process.exit(0);
}
console.log(`bench: CPython ${interpreter.version} (${interpreter.path})`);

const tracePath = join(scratch, 'churn.pymem.txt');
const recorded = await record({
  interpreter,
  args: ['-I', '-S', join(here, 'workloads', 'churn.py')],
  output: tracePath,
  stdio: 'pipe',
});
if (recorded.status !== 0) throw new Error(`recording failed: ${recorded.stderr}`);
const text = readFileSync(tracePath, 'utf8');

let trace!: Trace;
const parseSeconds = best('parse text', () => {
  trace = parseTextTrace(text);
});
const replaySeconds = best('model replay', () => {
  new Replayer(trace).runToEnd();
});
const verified = new Replayer(trace, { verify: true });
verified.runToEnd();

const pmt = encodePmtBytes(trace);
const pmtSeconds = best('read .pmt', () => {
  decodePmt(pmt);
});
const seeker = new TraceSeeker(trace);
seeker.seek(trace.length); // lay the checkpoints once
const targets = Array.from({ length: 200 }, (_, k) =>
  Math.floor(((k * 7919) % 200) * (trace.length / 200)),
);
let worstSeek = 0;
let totalSeek = 0;
for (const target of targets) {
  const start = performance.now();
  seeker.seek(target);
  const elapsed = performance.now() - start;
  worstSeek = Math.max(worstSeek, elapsed);
  totalSeek += elapsed;
}

const { buffer, events } = driverRecords(trace);
const eventsFile = join(scratch, 'events.bin');
writeFileSync(eventsFile, buffer);

const rows: [string, string][] = [
  [
    'trace',
    `${trace.length.toLocaleString('en-US')} events (${events.toLocaleString('en-US')} object-allocator calls), ${(text.length / 1e6).toFixed(1)} MB of text, replays exactly: ${verified.counts.divergences === 0 ? 'yes' : 'NO'}`,
  ],
  [
    'text reader',
    `${Math.round(trace.length / parseSeconds).toLocaleString('en-US')} events/s (${(text.length / 1e6 / parseSeconds).toFixed(0)} MB/s)`,
  ],
  [
    '.pmt size',
    `${(pmt.length / trace.length).toFixed(2)} bytes/event (goal ≤ 4); text is ${(text.length / trace.length).toFixed(1)}`,
  ],
  ['.pmt reader', `${Math.round(trace.length / pmtSeconds).toLocaleString('en-US')} events/s`],
  [
    'seek',
    `${targets.length} random seeks: mean ${(totalSeek / targets.length).toFixed(1)} ms, worst ${worstSeek.toFixed(1)} ms (goal ≤ 100 ms)`,
  ],
  ['model replay', `${Math.round(trace.length / replaySeconds).toLocaleString('en-US')} events/s`],
];

let real: number | null = null;
const compiler = ['gcc', 'cc'].find(
  (name) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0,
);
let why = '';
if (!compiler) why = 'no C compiler found (install gcc)';
else {
  try {
    buildLauncher(interpreter); // proves headers + libpython are usable
    const config = findPythonConfig(interpreter);
    const flags = (args: string[]) =>
      execFileSync(config, args, { encoding: 'utf8' }).trim().split(/\s+/).filter(Boolean);
    const dir = join(cacheDirectory(), 'bench', interpreter.version);
    mkdirSync(dir, { recursive: true });
    const driver = join(dir, 'pymalloc_driver');
    const source = join(here, 'native', 'pymalloc_driver.c');
    if (
      !existsSync(driver) ||
      readFileSync(source, 'utf8') !==
        (existsSync(`${driver}.c`) ? readFileSync(`${driver}.c`, 'utf8') : '')
    ) {
      const libdir = join(flags(['--prefix'])[0]!, 'lib');
      execFileSync(compiler, [
        '-O2',
        '-o',
        driver,
        source,
        ...flags(['--cflags']),
        ...flags(['--ldflags', '--embed']),
        `-Wl,-rpath,${libdir}`,
      ]);
      writeFileSync(`${driver}.c`, readFileSync(source));
    }
    const output = execFileSync(driver, [eventsFile, String(REPETITIONS)], {
      encoding: 'utf8',
      env: { ...process.env, PYTHONHOME: interpreter.prefix },
    });
    real = JSON.parse(output.trim().split('\n').pop()!).events_per_second as number;
  } catch (error) {
    why = `could not build or run the pymalloc driver: ${(error as Error).message.split('\n')[0]}`;
  }
}
if (real === null) {
  rows.push(['real pymalloc', `not measured: ${why}`]);
} else {
  const model = events / replaySeconds;
  rows.push([
    'real pymalloc',
    `${Math.round(real).toLocaleString('en-US')} events/s (PyObject_Malloc & co., same events)`,
  ]);
  rows.push(['ratio', `model / real pymalloc = ${(model / real).toFixed(2)}× (goal ≥ 1.00×)`]);
}
// Recording overhead: wall time of the recorded run over the plain run, best of 3.
async function wall(run: () => Promise<unknown> | unknown): Promise<number> {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    await run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}
const workload = join(here, 'workloads', 'churn.py');
const plain = await wall(() =>
  spawnSync(interpreter.path, ['-I', '-S', workload], { stdio: 'ignore' }),
);
const modes: [string, Record<string, string>, string][] = [
  ['text', {}, 'txt'],
  ['.pmt', { PYMEM_RECORD_FORMAT: 'pmt' }, 'pmt'],
  ['.pmt --sites 1', { PYMEM_RECORD_FORMAT: 'pmt', PYMEM_RECORD_SITES: '1' }, 'pmt'],
];
for (const [label, env, extension] of modes) {
  let n = 0;
  const recordedMs = await wall(() =>
    record({
      interpreter,
      args: ['-I', '-S', workload],
      output: join(scratch, `overhead-${label.replace(/\W+/g, '-')}-${n++}.${extension}`),
      stdio: 'pipe',
      env,
    }),
  );
  const file = join(scratch, `overhead-${label.replace(/\W+/g, '-')}-0.${extension}`);
  rows.push([
    `record ${label}`,
    `${(recordedMs / plain).toFixed(2)}× the plain run (${recordedMs.toFixed(0)} ms vs ${plain.toFixed(0)} ms; goal ≤ ${label.includes('sites') ? '2' : '1.3'}×), ${(statSync(file).size / trace.length).toFixed(2)} bytes/event`,
  ]);
}

for (const [label, value] of rows) console.log(`  ${label.padEnd(14)} ${value}`);
