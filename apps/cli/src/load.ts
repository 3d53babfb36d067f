/**
 * Opening a recording and naming a point in it, shared by every report command.
 */
import type { Point } from '@pymem/analysis';
import {
  isStreamed,
  PmtDamageError,
  type Recording,
  type Trace,
  type TraceNotes,
} from '@pymem/tracing';
import { type LoadedTrace, openStreamedPmt, readTraceFile } from '@pymem/tracing/node';
import { CliError } from './exit-codes.ts';
import type { Io } from './io.ts';

/** Options of every command that reads a recording. */
export interface ReadOptions {
  /** `--salvage`: skip damaged `.pmt` chunks with a warning instead of stopping (exit 2). */
  readonly salvage?: boolean;
}

/**
 * Reads a trace, printing its warnings (a torn tail, chunks skipped by `--salvage`) as
 * `pymem: warning:` lines.
 *
 * @throws CliError `malformed-trace` (exit 2) in one line naming the file, the damaged
 *   chunk and its byte offset, when a `.pmt` is damaged and `salvage` is not set;
 *   TraceFileError / TraceFormatError for a missing or malformed file.
 */
export async function loadTrace(
  io: Io,
  file: string,
  options: ReadOptions = {},
): Promise<LoadedTrace> {
  let loaded: LoadedTrace;
  try {
    loaded = await readTraceFile(file, { salvage: options.salvage ?? false });
  } catch (error) {
    if (error instanceof PmtDamageError)
      throw new CliError('malformed-trace', `${file}: ${error.message} (--salvage skips it)`);
    throw error;
  }
  for (const warning of loaded.warnings) io.err(`pymem: warning: ${file}: ${warning}\n`);
  return loaded;
}

/** A recording opened by {@link loadRecording}, and its warnings (printed already). */
export interface LoadedRecording {
  readonly trace: Recording;
  readonly warnings: readonly string[];
}

/**
 * Opens a recording for a command that replays it forwards: a sound `.pmt` file is
 * streamed, a chunk at a time (memory bounded by the model's live state, the notes and
 * the chunk index, not by the number of events); text traces, standard input, damaged
 * files and `--salvage` are read whole ({@link loadTrace}). Warnings are printed as
 * {@link loadTrace} prints them, in the same words.
 */
export async function loadRecording(
  io: Io,
  file: string,
  options: ReadOptions = {},
): Promise<LoadedRecording> {
  const scan = file === '-' || options.salvage ? null : openStreamedPmt(file);
  if (!scan) return loadTrace(io, file, options);
  for (const warning of scan.warnings) io.err(`pymem: warning: ${file}: ${warning}\n`);
  return { trace: scan.trace, warnings: scan.warnings };
}

/**
 * `recording` with its event columns: itself when held whole, else the file read
 * again whole (its warnings were printed when it was opened).
 */
export async function wholeTrace(
  file: string,
  recording: Recording,
  options: ReadOptions = {},
): Promise<Trace> {
  if (!isStreamed(recording)) return recording;
  return (await readTraceFile(file, { salvage: options.salvage ?? false })).trace;
}

/** {@link loadTrace}'s trace alone. */
export async function openTrace(io: Io, file: string, options: ReadOptions = {}): Promise<Trace> {
  return (await loadTrace(io, file, options)).trace;
}

/** A resolved point of a recording: events before it, and the mark's label or null. */
export type { Point } from '@pymem/analysis';

/**
 * Resolves `--at N` (events before the point, 0 … length), `--mark LABEL`, or a
 * bare value that is either (numbers are event indexes). Default: the end.
 *
 * @throws CliError `bad-input` naming the recording's length or its marks.
 */
export function resolvePoint(
  trace: TraceNotes,
  options: { at?: string; mark?: string },
  flag = '--at',
): Point {
  if (options.at !== undefined && options.mark !== undefined) {
    throw new CliError('usage', 'give --at or --mark, not both');
  }
  if (options.mark !== undefined) return markPoint(trace, options.mark);
  if (options.at === undefined) return { eventIndex: trace.length, mark: null };
  if (!/^\d+$/.test(options.at)) {
    if (trace.marks.some((mark) => mark.label === options.at)) return markPoint(trace, options.at);
    throw new CliError(
      'bad-input',
      `${flag} takes an event index (0 to ${trace.length}) or a mark label, not "${options.at}"`,
    );
  }
  const eventIndex = Number(options.at);
  if (eventIndex > trace.length) {
    throw new CliError(
      'bad-input',
      `${flag} ${eventIndex} is past the end of the recording (${trace.length} events)`,
    );
  }
  return { eventIndex, mark: null };
}

function markPoint(trace: TraceNotes, label: string): Point {
  const mark = trace.marks.find((candidate) => candidate.label === label);
  if (!mark) {
    const labels = trace.marks.map((candidate) => `"${candidate.label}"`).join(', ') || 'none';
    throw new CliError('bad-input', `no mark "${label}" in this recording (marks: ${labels})`);
  }
  return { eventIndex: mark.eventIndex, mark: label };
}
