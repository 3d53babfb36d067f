/**
 * The recorder's overhead: wall time of bench/workloads/churn.py recorded in each
 * mode over the same program run plainly, and `--tracemalloc` also over the program
 * run under tracemalloc alone (`python -X tracemalloc=1`, what that mode cannot go
 * below). `pnpm bench` prints these rows with the others; run on its own
 * (`pnpm --filter @pymem/bench record-overhead`) it prints only them.
 *
 * The machine may be shared: every round runs the plain program and each mode once,
 * one after the other, and each figure is the best of its rounds, so a burst of load
 * weighs on every figure of a round alike. Each run is timed twice: wall time (as
 * `record()` runs it) and CPU time (user + system of the process, taken with
 * getrusage(RUSAGE_CHILDREN) by a small Python parent). `met` is judged on CPU time,
 * which the load of other jobs moves far less than wall time.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Interpreter, liveInterpreters } from '@pymem/cpython';
import { buildLauncher, record } from '@pymem/recorder';
import { readTraceFile } from '@pymem/tracing/node';

/** One row of the bench's closing table. */
export interface OverheadFigure {
  readonly name: string;
  readonly value: string;
  readonly anchor: string;
  readonly goal: string;
  readonly met: boolean;
}

/** The workload every mode records. */
export const WORKLOAD: string = join(import.meta.dirname, 'workloads', 'churn.py');

interface Mode {
  readonly label: string;
  readonly env: Readonly<Record<string, string>>;
  readonly extension: 'txt' | 'pmt';
  /** The goal, as a ratio to the plain run. */
  readonly goal: number;
}

const MODES: readonly Mode[] = [
  { label: 'text', env: {}, extension: 'txt', goal: 1.3 },
  { label: '.pmt (default)', env: { PYMEM_RECORD_FORMAT: 'pmt' }, extension: 'pmt', goal: 1.3 },
  {
    label: '.pmt --sites 1',
    env: { PYMEM_RECORD_FORMAT: 'pmt', PYMEM_RECORD_SITES: '1' },
    extension: 'pmt',
    goal: 2,
  },
  {
    label: '.pmt --tracemalloc',
    env: { PYMEM_RECORD_FORMAT: 'pmt', PYMEM_RECORD_TRACEMALLOC: '1' },
    extension: 'pmt',
    goal: 3,
  },
];

function wallMs(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** Runs `command args` under a Python parent that prints the child's CPU seconds. */
const CPU_PARENT =
  'import resource, subprocess, sys\n' +
  'subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n' +
  'r = resource.getrusage(resource.RUSAGE_CHILDREN)\n' +
  'print(r.ru_utime + r.ru_stime)\n';

function cpuMs(
  python: string,
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): number {
  const run = spawnSync(python, ['-I', '-c', CPU_PARENT, command, ...args], {
    encoding: 'utf8',
    env,
  });
  const seconds = Number(run.stdout.trim());
  if (run.status !== 0 || !Number.isFinite(seconds)) {
    throw new Error(`timing ${command} failed: ${run.stderr.trim().split('\n').at(-1)}`);
  }
  return seconds * 1000;
}

async function wallMsAsync(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/**
 * Measures every recording mode against the plain run (best of `rounds`).
 * `events` is the workload's event count, for the bytes/event of each file; when
 * absent it is read from the default `.pmt` recording.
 */
export async function recordingOverhead(
  interpreter: Interpreter,
  scratch: string,
  rounds = 5,
  events?: number,
): Promise<OverheadFigure[]> {
  const args = ['-I', '-S', WORKLOAD];
  const slug = (label: string) => label.replace(/\W+/g, '-');
  const python = interpreter.path;
  const launcher = buildLauncher(interpreter);
  let plain = Number.POSITIVE_INFINITY;
  let plainCpu = Number.POSITIVE_INFINITY;
  let tracemallocAlone = Number.POSITIVE_INFINITY;
  let tracemallocAloneCpu = Number.POSITIVE_INFINITY;
  const recorded = MODES.map(() => Number.POSITIVE_INFINITY);
  const recordedCpu = MODES.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < rounds; round++) {
    plain = Math.min(
      plain,
      wallMs(() => spawnSync(python, args, { stdio: 'ignore' })),
    );
    plainCpu = Math.min(plainCpu, cpuMs(python, python, args));
    const underTracemalloc = ['-X', 'tracemalloc=1', ...args];
    tracemallocAlone = Math.min(
      tracemallocAlone,
      wallMs(() => spawnSync(python, underTracemalloc, { stdio: 'ignore' })),
    );
    tracemallocAloneCpu = Math.min(tracemallocAloneCpu, cpuMs(python, python, underTracemalloc));
    for (const [k, mode] of MODES.entries()) {
      const cpuOutput = join(scratch, `overhead-cpu.${mode.extension}`);
      recordedCpu[k] = Math.min(
        recordedCpu[k]!,
        cpuMs(python, launcher, args, { ...process.env, ...mode.env, PYMEM_RECORD_OUT: cpuOutput }),
      );
      const ms = await wallMsAsync(() =>
        record({
          interpreter,
          args,
          output: join(scratch, `overhead-${slug(mode.label)}-${round}.${mode.extension}`),
          overwrite: true,
          stdio: 'pipe',
          env: mode.env,
        }),
      );
      recorded[k] = Math.min(recorded[k]!, ms);
    }
  }
  const count =
    events ??
    (await readTraceFile(join(scratch, `overhead-${slug(MODES[1]!.label)}-0.pmt`))).trace.length;
  return MODES.map((mode, k) => {
    const ms = recorded[k]!;
    const cpu = recordedCpu[k]!;
    const file = join(scratch, `overhead-${slug(mode.label)}-0.${mode.extension}`);
    const tracemalloc = mode.env.PYMEM_RECORD_TRACEMALLOC
      ? `; tracemalloc alone (python -X tracemalloc=1): CPU ${tracemallocAloneCpu.toFixed(0)} ms = ${(tracemallocAloneCpu / plainCpu).toFixed(2)}×, wall ${(tracemallocAlone / plain).toFixed(2)}×`
      : '';
    return {
      name: `record ${mode.label}`,
      value: `CPU ${(cpu / plainCpu).toFixed(2)}× (${cpu.toFixed(0)} ms), wall ${(ms / plain).toFixed(2)}× (${ms.toFixed(0)} ms), ${(statSync(file).size / count).toFixed(2)} bytes/event`,
      anchor: `plain run: CPU ${plainCpu.toFixed(0)} ms, wall ${plain.toFixed(0)} ms${tracemalloc}`,
      goal: `≤ ${mode.goal}×`,
      met: cpu / plainCpu <= mode.goal,
    };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const interpreter = liveInterpreters().find((candidate) => candidate.profile === '3.12');
  if (!interpreter) {
    console.log('record-overhead: no CPython 3.12 found: nothing to measure');
  } else {
    const figures = await recordingOverhead(
      interpreter,
      mkdtempSync(join(tmpdir(), 'pymem-overhead-')),
      Number(process.env.ROUNDS ?? 5),
    );
    console.log(`CPython ${interpreter.version}`);
    for (const f of figures) console.log(`| ${f.name} | ${f.value} | ${f.anchor} | ${f.goal} |`);
  }
}
