/**
 * `pnpm bench`: measures, in one run and on the same machine, every speed and memory
 * figure pymem has a goal for, each next to the anchor it is measured against:
 *   - the readers (text, .pmt) and the model's replay loop, against real pymalloc
 *     executing the same events through PyObject_Malloc & co.
 *     (native/pymalloc_driver.c, compiled against the interpreter's libpython);
 *   - the CLI end to end on a synthetic 10M-event recording with sites (time and
 *     peak RSS of `pymem report`, `pymem replay` events/s);
 *   - recordings of any length: a synthetic 10^8-event `.pmt` streamed to disk, then
 *     the peak RSS of `pymem replay` and `pymem report` on it (streamed) against the
 *     1 GiB goal, and the events/s of the streamed replay;
 *   - the end-to-end rows against real pymalloc replaying the same kind of events
 *     (the 10M file's own; for 10^8, 10M events made with the same options): a large
 *     live heap slows the C allocator as much as the model (cache and TLB misses), so
 *     churn.py's figure would not be a like-for-like anchor there;
 *   - the CLI's start-up, and the recorder's overhead against the plain program.
 * The closing table is what docs/performance.md shows. Goals live here, never in
 * unit tests. `--replay-only` stops after the 10M-event rows (a quick check of the
 * replay figures).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheDirectory, liveInterpreters } from '@pymem/cpython';
import { buildLauncher, findPythonConfig, record } from '@pymem/recorder';
import { Replayer, synthesizeTrace, TraceSeeker, writeSyntheticPmt } from '@pymem/runtime';
import { Domain, decodePmt, encodePmtBytes, Op, parseTextTrace, type Trace } from '@pymem/tracing';
import { recordingOverhead } from './record-overhead.ts';

const REPETITIONS = 5;
/** `--replay-only`: the readers, the model and the CLI on 10M events; nothing after. */
const REPLAY_ONLY = process.argv.includes('--replay-only');
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

/** One figure of the closing table. */
interface Figure {
  readonly name: string;
  readonly value: string;
  readonly anchor: string;
  readonly goal: string;
  /** null: not measured here. */
  readonly met: boolean | null;
}
const figures: Figure[] = [];
const perSecond = (n: number) => `${Math.round(n).toLocaleString('en-US')}/s`;
const ratio = (x: number) => `${x.toFixed(2)}×`;

figures.push({
  name: 'trace',
  value: `${trace.length.toLocaleString('en-US')} events, ${(text.length / 1e6).toFixed(1)} MB of text`,
  anchor: `bench/workloads/churn.py on CPython ${interpreter.version}`,
  goal: 'replays exactly',
  met: verified.counts.divergences === 0,
});
figures.push({
  name: 'text reader',
  value: `${perSecond(trace.length / parseSeconds)} (${(text.length / 1e6 / parseSeconds).toFixed(0)} MB/s)`,
  anchor: '—',
  goal: '—',
  met: null,
});
figures.push({
  name: '.pmt size',
  value: `${(pmt.length / trace.length).toFixed(2)} bytes/event`,
  anchor: `text: ${(text.length / trace.length).toFixed(1)} bytes/event`,
  goal: '≤ 4 bytes/event',
  met: pmt.length / trace.length <= 4,
});
figures.push({
  name: 'seek',
  value: `mean ${(totalSeek / targets.length).toFixed(1)} ms, worst ${worstSeek.toFixed(1)} ms`,
  anchor: `${targets.length} random seeks`,
  goal: '≤ 100 ms',
  met: worstSeek <= 100,
});

let real: number | null = null;
/** Runs the compiled driver on a file of driver records: real pymalloc's events/s. */
let runDriver: ((file: string) => number) | null = null;
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
    runDriver = (file) => {
      const output = execFileSync(driver, [file, String(REPETITIONS)], {
        encoding: 'utf8',
        env: { ...process.env, PYTHONHOME: interpreter.prefix },
      });
      return JSON.parse(output.trim().split('\n').pop()!).events_per_second as number;
    };
    real = runDriver(eventsFile);
  } catch (error) {
    why = `could not build or run the pymalloc driver: ${(error as Error).message.split('\n')[0]}`;
  }
}
const realAnchor =
  real === null
    ? `real pymalloc not measured: ${why}`
    : `real pymalloc ${perSecond(real)} (PyObject_Malloc & co., same events)`;
const againstReal = (
  eventsPerSecond: number,
  goal: number,
  anchor: number | null = real,
): Pick<Figure, 'value' | 'met'> =>
  anchor === null
    ? { value: perSecond(eventsPerSecond), met: null }
    : {
        value: `${perSecond(eventsPerSecond)} = ${ratio(eventsPerSecond / anchor)}`,
        met: eventsPerSecond / anchor >= goal,
      };
figures.push({
  name: 'model replay',
  ...againstReal(events / replaySeconds, 1),
  anchor: realAnchor,
  goal: '≥ 1.00× real pymalloc',
});
figures.push({
  name: '.pmt decoding',
  value: perSecond(trace.length / pmtSeconds),
  anchor: '—',
  goal: '≥ 50,000,000/s',
  met: trace.length / pmtSeconds >= 50e6,
});

// ---- the CLI end to end on a long synthetic recording with sites ----
const BIN = join(here, '..', 'apps', 'cli', 'bin', 'pymem.js');
/** Wall time (ms) and peak RSS (bytes) of `node pymem.js …argv`. */
function runPymem(argv: string[]): { ms: number; rss: number; status: number | null } {
  const probe = join(scratch, 'rss-probe.mjs');
  writeFileSync(
    probe,
    `import { main } from ${JSON.stringify(join(here, '..', 'apps', 'cli', 'dist', 'main.js'))};\n` +
      'const io = { out: () => {}, err: (t) => process.stderr.write(t), color: false };\n' +
      'const status = await main(process.argv.slice(2), io);\n' +
      'process.stderr.write("\\nmaxrss " + process.resourceUsage().maxRSS * 1024 + "\\n");\n' +
      'process.exitCode = status;\n',
  );
  const start = performance.now();
  const child = spawnSync(process.execPath, [probe, ...argv], { encoding: 'utf8' });
  const ms = performance.now() - start;
  // A failed command (an unbuilt CLI, a bad file) must not become a figure.
  if (child.status !== 0)
    throw new Error(
      `pymem ${argv.join(' ')} exited with ${child.status}: ${child.stderr.trim().split('\n')[0]} (run \`pnpm bench\` from the top, which builds first)`,
    );
  const rss = Number(/maxrss (\d+)/.exec(child.stderr)?.[1] ?? Number.NaN);
  return { ms, rss, status: child.status };
}
const LONG = 10_000_000;
process.stderr.write(
  `  synthesizing a ${LONG.toLocaleString('en-US')}-event recording with sites\n`,
);
const long = synthesizeTrace({ events: LONG, seed: 7, sites: 2000 });
const longFile = join(scratch, 'synthetic-10M.pmt');
writeFileSync(longFile, encodePmtBytes(long));
const longReport = runPymem(['report', longFile]);
figures.push({
  name: 'report, 10M events',
  value: `${(longReport.ms / 1000).toFixed(1)} s, peak RSS ${(longReport.rss / 2 ** 20).toFixed(0)} MiB`,
  anchor: `synthetic, ${long.length.toLocaleString('en-US')} events with sites, ${(statSync(longFile).size / 1e6).toFixed(0)} MB .pmt`,
  goal: '≤ 10 s',
  met: longReport.status === 0 && longReport.ms <= 10_000,
});
const longReplay = runPymem(['replay', longFile]);
// Real pymalloc on this file's own events: its live heap is far larger than churn.py's,
// which slows the C allocator too (cache misses), so the ratio compares like with like.
let realLong: number | null = null;
if (runDriver !== null) {
  const longEventsFile = join(scratch, 'events-10M.bin');
  writeFileSync(longEventsFile, driverRecords(long).buffer);
  realLong = runDriver(longEventsFile);
  rmSync(longEventsFile);
}
figures.push({
  name: 'replay end to end',
  ...againstReal((long.length / longReplay.ms) * 1000, 0.5, realLong),
  anchor: `pymem replay of the 10M-event file, start-up included; ${
    realLong === null
      ? realAnchor
      : `real pymalloc ${perSecond(realLong)} on the same 10M events (churn.py's: ${perSecond(real!)})`
  }`,
  goal: '≥ 0.50× real pymalloc',
});

if (REPLAY_ONLY) {
  printTable();
  process.exit(0);
}

// ---- recordings of any length: 10^8 events, written and read a chunk at a time ----
const HUGE = 100_000_000;
const HUGE_LIVE = 1_000_000;
process.stderr.write(
  `  streaming a ${HUGE.toLocaleString('en-US')}-event recording to disk (at most ${HUGE_LIVE.toLocaleString('en-US')} live blocks)\n`,
);
const hugeFile = join(scratch, 'synthetic-1e8.pmt');
const hugeFd = openSync(hugeFile, 'w');
const hugeEvents = writeSyntheticPmt(
  { events: HUGE, seed: 7, sites: 2000, maxLive: HUGE_LIVE },
  (bytes) => {
    writeSync(hugeFd, bytes);
  },
);
closeSync(hugeFd);
const hugeAnchor = `synthetic, ${hugeEvents.toLocaleString('en-US')} events with sites, ≤ ${HUGE_LIVE.toLocaleString('en-US')} live blocks, ${(statSync(hugeFile).size / 1e6).toFixed(0)} MB .pmt, streamed`;
const hugeReplay = runPymem(['replay', hugeFile]);
const hugeReport = runPymem(['report', hugeFile]);
rmSync(hugeFile);
for (const [command, run] of [
  ['replay', hugeReplay],
  ['report', hugeReport],
] as const) {
  figures.push({
    name: `memory, ${command} of 10^8 events`,
    value: `${(run.rss / 2 ** 20).toFixed(0)} MiB peak RSS = ${ratio(run.rss / 2 ** 30)} the goal (${(run.ms / 1000).toFixed(0)} s)`,
    anchor: `pymem ${command}, ${hugeAnchor}`,
    goal: '≤ 1 GiB (bounded by live blocks)',
    met: run.status === 0 && run.rss <= 2 ** 30,
  });
}
// Real pymalloc at the same live-heap size: the 10^8 events as driver records would
// take 1.6 GB, so it replays a 10M-event recording made with the same options.
let realHuge: number | null = null;
if (runDriver !== null) {
  const sample = synthesizeTrace({ events: LONG, seed: 7, sites: 2000, maxLive: HUGE_LIVE });
  const sampleFile = join(scratch, 'events-capped.bin');
  writeFileSync(sampleFile, driverRecords(sample).buffer);
  realHuge = runDriver(sampleFile);
  rmSync(sampleFile);
}
figures.push({
  name: 'streamed replay',
  ...againstReal((hugeEvents / hugeReplay.ms) * 1000, 0.5, realHuge),
  anchor: `pymem replay of the 10^8-event file, start-up included; ${
    realHuge === null
      ? realAnchor
      : `real pymalloc ${perSecond(realHuge)} on ${LONG.toLocaleString('en-US')} events made the same way (≤ ${HUGE_LIVE.toLocaleString('en-US')} live blocks)`
  }`,
  goal: '≥ 0.50× real pymalloc',
});

// ---- CLI start-up ----
function bestWall(argv: string[], command = process.execPath): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < REPETITIONS; i++) {
    const start = performance.now();
    spawnSync(command, argv, { stdio: 'ignore', cwd: join(here, '..') });
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}
const nodeAlone = bestWall(['-e', '0']);
for (const argv of [['--help'], ['versions']]) {
  const ms = bestWall([BIN, ...argv]);
  figures.push({
    name: `start-up ${argv[0]}`,
    value: `${ms.toFixed(0)} ms`,
    anchor: `node -e 0: ${nodeAlone.toFixed(0)} ms`,
    goal: '≤ 150 ms',
    met: ms <= 150,
  });
}

// ---- recording overhead: each mode over the plain run, best of 5 alternating rounds ----
figures.push(...(await recordingOverhead(interpreter, scratch, 5, trace.length)));

// ---- the object layer: creations + frees per second, model vs the same interpreter ----
/** Runs one package's bench script with `--json` (tsx, sources) and parses its output. */
function packageBench<T>(script: string, args: string[], nodeFlags: string[] = []): T | null {
  const run = spawnSync(
    process.execPath,
    [
      ...nodeFlags,
      '--import',
      'tsx',
      '--conditions=@pymem/source',
      join(here, '..', script),
      ...args,
      '--json',
    ],
    { cwd: join(here, '..'), encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (run.status !== 0) {
    process.stderr.write(`  ${script} failed: ${run.stderr.trim().split('\n').at(-1)}\n`);
    return null;
  }
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as T;
}
const OBJECTS_N = 300_000;
const objects = packageBench<{
  workloads: Record<string, { model_per_s: number; cpython_per_s: number }>;
}>('packages/objects/bench/objects-bench.ts', [
  '--python',
  interpreter.path,
  '--n',
  String(OBJECTS_N),
]);
for (const [name, r] of Object.entries(objects?.workloads ?? {})) {
  figures.push({
    name: `objects: ${name}`,
    value: `${perSecond(r.model_per_s)} = ${ratio(r.model_per_s / r.cpython_per_s)}`,
    anchor: `CPython ${interpreter.version} ${perSecond(r.cpython_per_s)} (create + free, ${OBJECTS_N.toLocaleString('en-US')} each)`,
    goal: '—',
    met: null,
  });
}

// ---- the collector on the object heap: full collections, model vs the same interpreter ----
const collections = packageBench<
  Record<'live' | 'cycles', { model_ms: number; cpython_ms: number | null }>
>('packages/gc/bench/collect-bench.ts', [interpreter.profile!], ['--expose-gc']);
for (const [name, label] of [
  ['live', 'gc: full collection, 1,000,000 live lists'],
  ['cycles', 'gc: full collection freeing 1,000,000 self-cycles'],
] as const) {
  const r = collections?.[name];
  if (!r) continue;
  figures.push({
    name: label,
    value:
      r.cpython_ms === null
        ? `${r.model_ms.toFixed(0)} ms`
        : `${r.model_ms.toFixed(0)} ms = ${ratio(r.model_ms / r.cpython_ms)} CPython's time`,
    anchor: `CPython ${interpreter.version}: ${r.cpython_ms === null ? 'not found' : `${r.cpython_ms.toFixed(0)} ms`}`,
    goal: '≤ 3× CPython',
    met: r.cpython_ms === null ? null : r.model_ms / r.cpython_ms <= 3,
  });
}

// ---- pymem run: allocation-heavy Python loops on the model vs the same interpreter ----
const RUN_N = 200_000;
const runs = packageBench<{
  workloads: Record<string, { model_s: number; cpython_s: number; ratio: number }>;
}>('packages/python/bench/run-bench.ts', ['--python', interpreter.path, '--n', String(RUN_N)]);
for (const [name, r] of Object.entries(runs?.workloads ?? {})) {
  figures.push({
    name: `pymem run: ${name}`,
    value: `${(r.model_s * 1000).toFixed(0)} ms = ${ratio(r.ratio)} CPython's speed`,
    anchor: `CPython ${interpreter.version} ${(r.cpython_s * 1000).toFixed(0)} ms (${RUN_N.toLocaleString('en-US')} iterations)`,
    goal: '≥ 0.1×',
    met: r.ratio >= 0.1,
  });
}

// ---- the viewer: a long .pmt opened chunk by chunk in headless Chromium ----
const VIEWER_EVENTS = 10_000_000;
try {
  // Loaded by path: the viewer is an app, not a dependency of this package.
  const { measureChunkedOpen } = (await import(
    join(here, '..', 'apps', 'viewer', 'bench', 'chunked-bench.ts')
  )) as {
    measureChunkedOpen(
      appDir: string,
      events: number,
    ): Promise<{ browserPss: number | null; heapAfterSeeks: number; firstPaintMs: number }>;
  };
  const viewer = await measureChunkedOpen(
    join(here, '..', 'apps', 'viewer', 'dist', 'app'),
    VIEWER_EVENTS,
  );
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  const columns = VIEWER_EVENTS * 34;
  figures.push({
    name: 'viewer memory',
    value:
      `browser PSS ${viewer.browserPss === null ? '?' : mib(viewer.browserPss)}, page heap ` +
      `${mib(viewer.heapAfterSeeks)} (flat in the events), first paint ${(viewer.firstPaintMs / 1000).toFixed(1)} s`,
    anchor: `synthetic ${VIEWER_EVENTS.toLocaleString('en-US')}-event .pmt opened chunk by chunk; the whole-trace path's event columns alone: ${mib(columns)}`,
    goal: '≤ 1 GiB for 10^8 events',
    met: viewer.browserPss === null ? null : viewer.browserPss <= 2 ** 30,
  });
} catch (error) {
  process.stderr.write(
    `  viewer memory not measured: ${(error as Error).message.split('\n')[0]}\n`,
  );
}

printTable();

/** Prints the closing table (what docs/performance.md shows). */
function printTable(): void {
  const table = [
    '| figure | measured | anchor | goal | met |',
    '|---|---|---|---|---|',
    ...figures.map(
      (f) =>
        `| ${f.name} | ${f.value} | ${f.anchor} | ${f.goal} | ${f.met === null ? '—' : f.met ? 'yes' : '**no**'} |`,
    ),
  ];
  console.log(table.join('\n'));
}
