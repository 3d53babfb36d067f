/**
 * Node adapter: reads a trace file (or standard input for "-") through the streaming
 * parser, so a large text trace never sits whole in memory.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { TextTraceParser } from '../text-reader.ts';
import type { Trace } from '../trace.ts';

/** A trace file that cannot be opened. */
export class TraceFileError extends Error {
  /** Stable error code. */
  readonly code = 'missing-file' as const;
}

/**
 * Reads a text trace from `path` ("-" reads standard input).
 *
 * @throws TraceFileError when the file is missing or not a regular file;
 *   TraceFormatError (with the line) when it is malformed.
 */
export async function readTraceFile(path: string): Promise<Trace> {
  if (path !== '-') {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch {
      throw new TraceFileError(`${path}: no such file`);
    }
    if (!info.isFile()) throw new TraceFileError(`${path}: not a regular file`);
  }
  const parser = new TextTraceParser();
  const stream =
    path === '-'
      ? process.stdin.setEncoding('utf8')
      : createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream) parser.push(chunk as string);
  return parser.finish();
}
