/**
 * Node adapter: reads a trace file (or standard input for "-") through the streaming
 * parser, so a large text trace never sits whole in memory. Compressed files (what
 * `sniffTrace` calls brotli or gzip) are decompressed on the fly.
 */
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip } from 'node:zlib';
import { TraceFormatError } from '../errors.ts';
import { decodePmt, isPmt, type PmtFile, type PmtReadOptions } from '../pmt/index.ts';
import { SNIFF_BYTES, sniffTrace } from '../sniff.ts';
import { TextTraceParser } from '../text-reader.ts';
import type { Trace } from '../trace.ts';

/** A trace read from a file, with how it was stored and what was wrong but survivable. */
export interface LoadedTrace {
  readonly trace: Trace;
  /** `'pmt'` for the binary format, `'text'` otherwise (possibly compressed). */
  readonly format: 'pmt' | 'text';
  /** Non-fatal problems (e.g. a recording cut off by SIGKILL, chunks skipped by salvage). */
  readonly warnings: readonly string[];
  /** For `.pmt`: what the reader found (version, chunks, index, torn tail, damage), else null. */
  readonly pmt: Omit<PmtFile, 'trace'> | null;
}

/** Options of {@link readTraceFile}: `salvage` skips damaged `.pmt` chunks with a warning. */
export type ReadTraceOptions = PmtReadOptions;

/** A trace file that cannot be opened. */
export class TraceFileError extends Error {
  /** Stable error code. */
  readonly code = 'missing-file' as const;
}

async function firstBytes(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Reads a trace from `path` ("-" reads standard input): a `.pmt` binary file, or a
 * text trace, decompressing `.br` and gzip files. `options.salvage` skips damaged
 * `.pmt` chunks with a warning instead of failing.
 *
 * @throws TraceFileError when the file is missing or not a regular file;
 *   TraceFormatError (with the line or byte) when it is malformed; PmtDamageError
 *   (a TraceFormatError) for a damaged `.pmt` without `salvage`.
 */
export async function readTraceFile(
  path: string,
  options: ReadTraceOptions = {},
): Promise<LoadedTrace> {
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
    if (info.size === 0)
      throw new TraceFormatError(`${path}: empty file (0 bytes): not a recording`, 0);
    const encoding = sniffTrace(await firstBytes(path), path);
    if (encoding === 'pmt') return loadedPmt(decodePmt(await readFile(path), options));
    source = createReadStream(path, { highWaterMark: 1 << 20 });
    if (encoding === 'brotli') source = source.pipe(createBrotliDecompress());
    else if (encoding === 'gzip') source = source.pipe(createGunzip());
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
  if (binary) return loadedPmt(decodePmt(Buffer.concat(binary), options));
  parser.push(decoder.decode());
  const trace = parser.finish();
  return { trace, format: 'text', warnings: parser.warnings, pmt: null };
}

function loadedPmt({ trace, ...pmt }: PmtFile): LoadedTrace {
  return { trace, format: 'pmt', warnings: pmt.warnings, pmt };
}
