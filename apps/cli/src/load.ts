/**
 * Opening a recording and naming a point in it, shared by every report command.
 */
import type { Point } from '@pymem/analysis';
import { PmtDamageError, type Trace } from '@pymem/tracing';
import { type LoadedTrace, readTraceFile } from '@pymem/tracing/node';
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
  trace: Trace,
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

function markPoint(trace: Trace, label: string): Point {
  const mark = trace.marks.find((candidate) => candidate.label === label);
  if (!mark) {
    const labels = trace.marks.map((candidate) => `"${candidate.label}"`).join(', ') || 'none';
    throw new CliError('bad-input', `no mark "${label}" in this recording (marks: ${labels})`);
  }
  return { eventIndex: mark.eventIndex, mark: label };
}
