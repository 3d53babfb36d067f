/**
 * Node adapter: reads a trace file (or standard input for "-") through the streaming
 * parser, so a large text trace never sits whole in memory. Files ending in `.br`
 * (brotli) or starting with gzip's magic bytes are decompressed on the fly.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip } from 'node:zlib';
import { TraceFormatError } from '../errors.ts';
import { TextTraceParser } from '../text-reader.ts';
import type { Trace } from '../trace.ts';

/** A trace file that cannot be opened. */
export class TraceFileError extends Error {
  /** Stable error code. */
  readonly code = 'missing-file' as const;
}

async function startsWithGzipMagic(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * Reads a text trace from `path` ("-" reads standard input), decompressing `.br` and
 * gzip files.
 *
 * @throws TraceFileError when the file is missing or not a regular file;
 *   TraceFormatError (with the line) when it is malformed or its compression is broken.
 */
export async function readTraceFile(path: string): Promise<Trace> {
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
    source = createReadStream(path, { highWaterMark: 1 << 20 });
    if (path.endsWith('.br')) source = source.pipe(createBrotliDecompress());
    else if (await startsWithGzipMagic(path)) source = source.pipe(createGunzip());
  }
  const parser = new TextTraceParser();
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of source)
      parser.push(decoder.decode(chunk as Uint8Array, { stream: true }));
  } catch (error) {
    if (error instanceof TraceFormatError) throw error;
    throw new TraceFormatError(`${path}: cannot decompress: ${(error as Error).message}`, 0);
  }
  parser.push(decoder.decode());
  return parser.finish();
}
