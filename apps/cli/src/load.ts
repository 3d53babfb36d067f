/**
 * Opening a recording and naming a point in it, shared by every report command.
 */
import type { Trace } from '@pymem/tracing';
import { readTraceFile } from '@pymem/tracing/node';
import { CliError } from './exit-codes.ts';
import type { Io } from './io.ts';

/** Reads a trace, printing its warnings (e.g. a torn tail) as `pymem: warning:` lines. */
export async function openTrace(io: Io, file: string): Promise<Trace> {
  const { trace, warnings } = await readTraceFile(file);
  for (const warning of warnings) io.err(`pymem: warning: ${file}: ${warning}\n`);
  return trace;
}

/** A resolved point of a recording. */
export interface Point {
  /** Events before the point. */
  readonly eventIndex: number;
  /** The mark's label when the point is a mark, else null. */
  readonly mark: string | null;
}

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
