/**
 * Node adapter: reads a trace file (or standard input for "-") through the streaming
 * parser, so a large text trace never sits whole in memory. Files ending in `.br`
 * (brotli) or starting with gzip's magic bytes are decompressed on the fly.
 */
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip } from 'node:zlib';
import { TraceFormatError } from '../errors.ts';
import { decodePmt, isPmt } from '../pmt/index.ts';
import { TextTraceParser } from '../text-reader.ts';
import type { Trace } from '../trace.ts';

/** A trace read from a file, with how it was stored and what was wrong but survivable. */
export interface LoadedTrace {
  readonly trace: Trace;
  /** `'pmt'` for the binary format, `'text'` otherwise (possibly compressed). */
  readonly format: 'pmt' | 'text';
  /** Non-fatal problems (e.g. a recording cut off by SIGKILL). */
  readonly warnings: readonly string[];
}

/** A trace file that cannot be opened. */
export class TraceFileError extends Error {
  /** Stable error code. */
  readonly code = 'missing-file' as const;
}

async function firstBytes(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8), 0, 8, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Reads a trace from `path` ("-" reads standard input): a `.pmt` binary file, or a
 * text trace, decompressing `.br` and gzip files.
 *
 * @throws TraceFileError when the file is missing or not a regular file;
 *   TraceFormatError (with the line or byte) when it is malformed.
 */
export async function readTraceFile(path: string): Promise<LoadedTrace> {
  let source: Readable;
  if (path === '-') {
    source = process.stdin;
  } else {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch {
      throw new TraceFileError(`${path}: no such file`);
    }
    if (!info.isFile()) throw new TraceFileError(`${path}: not a regular file`);
    const head = await firstBytes(path);
    if (isPmt(head)) {
      const { trace, warnings } = decodePmt(await readFile(path));
      return { trace, format: 'pmt', warnings };
    }
    source = createReadStream(path, { highWaterMark: 1 << 20 });
    if (path.endsWith('.br')) source = source.pipe(createBrotliDecompress());
    else if (head[0] === 0x1f && head[1] === 0x8b) source = source.pipe(createGunzip());
  }
  const parser = new TextTraceParser();
  const decoder = new TextDecoder('utf-8');
  // A compressed file may hold a .pmt: then its bytes are gathered and decoded whole.
  let binary: Uint8Array[] | null = null;
  let first = true;
  try {
    for await (const raw of source) {
      const chunk = raw as Uint8Array;
      if (first) {
        first = false;
        if (isPmt(chunk)) binary = [];
      }
      if (binary) binary.push(chunk);
      else parser.push(decoder.decode(chunk, { stream: true }));
    }
  } catch (error) {
    if (error instanceof TraceFormatError) throw error;
    throw new TraceFormatError(`${path}: cannot decompress: ${(error as Error).message}`, 0);
  }
  if (binary) {
    const { trace, warnings } = decodePmt(Buffer.concat(binary));
    return { trace, format: 'pmt', warnings };
  }
  parser.push(decoder.decode());
  return { trace: parser.finish(), format: 'text', warnings: [] };
}
