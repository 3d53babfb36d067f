/**
 * `record`: runs a Python program under the launcher and leaves its allocator trace
 * in a file. The program's stdin, stdout, stderr, argv and exit status pass through
 * untouched; the trace is written by the launcher itself (buffered, flushed at each
 * mark, at exit and at `os._exit`), so a killed process leaves every flushed event.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Interpreter } from '@pymem/cpython';
import { buildLauncher } from './build-launcher.ts';
import { RecorderError } from './errors.ts';

/** Options of {@link record}. */
export interface RecordOptions {
  /** The interpreter to record (see selectInterpreter). */
  readonly interpreter: Interpreter;
  /** Arguments exactly as `python` would take them: `script.py args…`, `-m mod`, `-c code`. */
  readonly args: readonly string[];
  /** Trace file to write; must not exist unless `overwrite`. */
  readonly output: string;
  /** Replace an existing output file. */
  readonly overwrite?: boolean;
  /** `'pmt'` (compact binary, docs/formats/pmt.md) or `'text'` (the default here). */
  readonly format?: 'text' | 'pmt';
  /** Frames of allocation site to record per allocation (0, the default: none). */
  readonly sites?: number;
  /**
   * Also run tracemalloc inside the process and write its `statistics('lineno')` at
   * each mark (ground truth for the tracemalloc API; slows the program a lot).
   */
  readonly tracemalloc?: boolean;
  /** Also take a heap snapshot at the exit mark (`.pmt` only; docs/formats/pmt.md). */
  readonly snapshotAtExit?: boolean;
  /** Extra environment for the recorded program. */
  readonly env?: Readonly<Record<string, string>>;
  /** How the program's stdio is wired (default: inherited). */
  readonly stdio?: 'inherit' | 'pipe';
}

/** What a recording produced. */
export interface RecordResult {
  /** The program's exit status (128 + n when killed by signal n). */
  readonly status: number;
  /** The signal that killed it, if any. */
  readonly signal: NodeJS.Signals | null;
  /** Absolute path of the trace. */
  readonly output: string;
  /** Captured stdout and stderr when `stdio: 'pipe'`. */
  readonly stdout: string;
  readonly stderr: string;
}

const SIGNALS: Partial<Record<NodeJS.Signals, number>> = {
  SIGINT: 2,
  SIGKILL: 9,
  SIGTERM: 15,
  SIGSEGV: 11,
  SIGABRT: 6,
};

/**
 * Records one run of a Python program.
 *
 * @throws RecorderError when the output exists (`bad-input`) or the launcher cannot
 *   be built (`no-compiler`, `build-failed`).
 */
export async function record(options: RecordOptions): Promise<RecordResult> {
  const output = resolve(options.output);
  const sites = options.sites ?? 0;
  if (!Number.isInteger(sites) || sites < 0 || sites > 65535) {
    throw new RecorderError(
      'bad-input',
      `--sites takes a whole number from 0 to 65535, not ${sites}`,
    );
  }
  if (existsSync(output) && !options.overwrite) {
    throw new RecorderError(
      'bad-input',
      `${options.output} exists already: choose another -o or remove it`,
    );
  }
  const launcher = buildLauncher(options.interpreter);
  const pipe = options.stdio === 'pipe';
  const child = spawn(launcher, [...options.args], {
    stdio: pipe ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: {
      ...process.env,
      ...options.env,
      PYMEM_RECORD_OUT: output,
      ...(options.format === 'pmt' ? { PYMEM_RECORD_FORMAT: 'pmt' } : {}),
      ...(options.sites ? { PYMEM_RECORD_SITES: String(options.sites) } : {}),
      ...(options.tracemalloc ? { PYMEM_RECORD_TRACEMALLOC: '1' } : {}),
      ...(options.snapshotAtExit ? { PYMEM_RECORD_SNAPSHOT_AT_EXIT: '1' } : {}),
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // The program owns the terminal: Ctrl-C reaches it, not us.
  const ignore = () => {};
  if (!pipe) process.on('SIGINT', ignore);
  try {
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(
      (done, fail) => {
        child.on('error', fail);
        child.on('close', (exitCode, exitSignal) => done([exitCode, exitSignal]));
      },
    );
    const status = code ?? 128 + (signal ? (SIGNALS[signal] ?? 1) : 1);
    return { status, signal, output, stdout, stderr };
  } finally {
    if (!pipe) process.off('SIGINT', ignore);
  }
}
