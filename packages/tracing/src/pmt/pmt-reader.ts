/**
 * Reads a `.pmt` binary trace (docs/formats/pmt.md) into a {@link Trace}.
 *
 * A file whose writer was killed has no index and may end in a torn chunk: the
 * reader keeps every complete chunk, rebuilds the index, and reports both in
 * `warnings`. Anything else that breaks the format is a TraceFormatError naming the
 * byte offset.
 */
import { TraceFormatError } from '../errors.ts';
import { type Mark, Op, type OpCode, type Trace, TraceBuilder } from '../trace.ts';
import { ByteRangeError, ByteReader, unzigzag } from './bytes.ts';
import {
  ALIGNED_BIT,
  CHUNK_HEADER_BYTES,
  CHUNK_MAGIC,
  FILE_MAGIC,
  FORMAT_VERSION,
  INDEX_MAGIC,
  Kind,
  SITE_BIT,
  TRAILER,
} from './format.ts';
import { requestClass } from './pmt-writer.ts';

/** Where each chunk starts: its file offset and the index of its first event. */
export interface PmtChunkEntry {
  readonly offset: number;
  readonly firstEvent: number;
  readonly events: number;
}

/** A decoded `.pmt` file. */
export interface PmtFile {
  readonly trace: Trace;
  /** The chunk index (read from the footer, or rebuilt). */
  readonly chunks: readonly PmtChunkEntry[];
  /** Non-fatal problems: a torn tail, a missing index. */
  readonly warnings: readonly string[];
}

/** True when `bytes` begins with the `.pmt` magic. */
export function isPmt(bytes: Uint8Array): boolean {
  return bytes.length >= FILE_MAGIC.length && FILE_MAGIC.every((byte, i) => bytes[i] === byte);
}

function fail(message: string, offset: number): never {
  throw new TraceFormatError(`byte ${offset}: ${message}`, 0);
}

/** Decodes a whole `.pmt` file. @throws TraceFormatError naming the byte offset. */
export function decodePmt(bytes: Uint8Array): PmtFile {
  try {
    return decode(bytes);
  } catch (error) {
    if (error instanceof ByteRangeError) fail(error.message, error.offset);
    throw error;
  }
}

function decode(bytes: Uint8Array): PmtFile {
  if (!isPmt(bytes)) fail('not a .pmt file (bad magic)', 0);
  const reader = new ByteReader(bytes, FILE_MAGIC.length);
  const version = reader.uint(2);
  if (version !== FORMAT_VERSION)
    fail(`unsupported .pmt format version ${version} (this reader knows 1)`, 8);
  const pointerSize = reader.u8();
  if (pointerSize !== 8) fail(`pointer size ${pointerSize} is not supported (64-bit only)`, 10);
  reader.u8();
  const metadataLength = reader.uint(4);
  const metadataStart = reader.offset;
  if (metadataStart + metadataLength > bytes.length)
    fail('metadata runs past the end of the file', metadataStart);
  let metadata: Record<string, unknown>;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(
      bytes.subarray(metadataStart, metadataStart + metadataLength),
    );
    metadata = JSON.parse(text);
  } catch {
    fail('metadata is not a JSON object', metadataStart);
  }
  reader.offset = metadataStart + metadataLength;
  if (typeof metadata !== 'object' || metadata === null || typeof metadata.python !== 'string') {
    fail('metadata has no "python" version', metadataStart);
  }

  const builder = new TraceBuilder();
  const chunks: PmtChunkEntry[] = [];
  const warnings: string[] = [];
  let indexed = false;
  let pendingMark: Omit<Mark, 'tracemalloc'> | null = null;
  const closeMark = (tracemalloc = '') => {
    if (pendingMark) builder.marks.push({ ...pendingMark, tracemalloc });
    pendingMark = null;
  };

  while (reader.remaining() > 0) {
    const start = reader.offset;
    if (
      reader.remaining() >= 4 &&
      new DataView(bytes.buffer, bytes.byteOffset + start, 4).getUint32(0, true) === INDEX_MAGIC
    ) {
      indexed = readIndex(bytes, start, chunks, warnings);
      break;
    }
    if (reader.remaining() < CHUNK_HEADER_BYTES) {
      warnings.push(
        `the last ${reader.remaining()} bytes (from byte ${start}) are a torn chunk header: ignored`,
      );
      break;
    }
    if (reader.uint(4) !== CHUNK_MAGIC) fail('expected a chunk (CHK1) or the index (IDX1)', start);
    const length = reader.uint(4);
    const events = reader.uint(4);
    const firstEvent = reader.uint(8);
    if (reader.remaining() < length) {
      warnings.push(
        `chunk at byte ${start} is torn (${reader.remaining()} of ${length} bytes): the trace ends at event ${builder.length}`,
      );
      break;
    }
    if (firstEvent !== builder.length)
      fail(`chunk says its first event is ${firstEvent}, expected ${builder.length}`, start + 12);
    const end = reader.offset + length;
    const body = new ByteReader(bytes, reader.offset, end);
    let prev = 0;
    const prevClass = new Array<number>(33).fill(0);
    const address = (aligned: boolean): number => {
      const value = prev + unzigzag(body.varint()) * (aligned ? 16 : 1);
      prev = value;
      return value;
    };
    while (body.remaining() > 0) {
      const at = body.offset;
      const tag = body.u8();
      const kind = tag & 15;
      if (kind === Kind.tracemalloc) {
        if (!pendingMark) fail('tracemalloc statistics with no mark before them', at);
        closeMark(body.string());
        continue;
      }
      closeMark();
      const aligned = (tag & ALIGNED_BIT) !== 0;
      const domain = (tag >> 4) & 3;
      let site = -1;
      switch (kind) {
        case Kind.arenaAlloc: {
          const size = body.varint();
          builder.push(Op.arenaAlloc, 0, size, address(aligned), 0, 0);
          break;
        }
        case Kind.arenaFree: {
          const where = address(aligned);
          builder.push(Op.arenaFree, 0, where, body.varint(), 0, 0);
          break;
        }
        case Kind.malloc:
        case Kind.calloc: {
          const size = body.varint();
          const k = requestClass(size);
          const ptr = prevClass[k]! + unzigzag(body.varint()) * (aligned ? 16 : 1);
          prev = ptr;
          prevClass[k] = ptr;
          if (tag & SITE_BIT) site = siteId(body, builder, at);
          builder.push(kind as OpCode, domain, size, ptr, 0, 0, site);
          break;
        }
        case Kind.realloc: {
          const old = address(aligned);
          const size = body.varint();
          const moved = address(aligned);
          if (tag & SITE_BIT) site = siteId(body, builder, at);
          builder.push(Op.realloc, domain, old, size, moved, 0, site);
          break;
        }
        case Kind.free:
          builder.push(Op.free, domain, address(aligned), 0, 0, 0);
          break;
        case Kind.mark:
          pendingMark = {
            ...builder.position(),
            label: body.string(),
            stats: body.string(),
            line: 0,
          };
          break;
        case Kind.comment:
          builder.comments.push({ ...builder.position(), text: body.string() });
          break;
        case Kind.gc:
          builder.gcCollections.push({
            ...builder.position(),
            generation: body.varint(),
            collected: body.varint(),
            uncollectable: body.varint(),
            durationNs: body.varint(),
          });
          break;
        case Kind.filename: {
          const id = body.varint();
          if (id !== builder.filenames.length) fail(`file name id ${id} out of order`, at);
          builder.filenames.push({ ...builder.position(), id, filename: body.string() });
          break;
        }
        case Kind.traceback: {
          const id = body.varint();
          if (id !== builder.tracebacks.length) fail(`traceback id ${id} out of order`, at);
          const totalFrames = body.varint();
          const count = body.varint();
          const frames = [];
          for (let k = 0; k < count; k++) {
            const filename = body.varint();
            if (filename >= builder.filenames.length)
              fail(`frame names undefined file id ${filename}`, at);
            frames.push({ filename, lineno: body.varint() });
          }
          builder.tracebacks.push({ ...builder.position(), id, totalFrames, frames });
          break;
        }
        default:
          fail(`unknown record kind ${kind}`, at);
      }
    }
    closeMark();
    if (builder.length - firstEvent !== events) {
      fail(
        `chunk holds ${builder.length - firstEvent} events but its header says ${events}`,
        start + 8,
      );
    }
    chunks.push({ offset: start, firstEvent, events });
    reader.offset = end;
  }
  if (!indexed) {
    warnings.push(
      'the file has no index (the recording did not close cleanly): rebuilt it from the chunks',
    );
  }
  const trace = builder.finish({ formatVersion: 1, python: metadata.python as string, metadata });
  return { trace, chunks, warnings };
}

function siteId(body: ByteReader, builder: TraceBuilder, at: number): number {
  const id = body.varint();
  if (id >= builder.tracebacks.length) fail(`site names undefined traceback ${id}`, at);
  return id;
}

/** Checks the footer against the chunks read; false (with a warning) when it is torn. */
function readIndex(
  bytes: Uint8Array,
  start: number,
  chunks: readonly PmtChunkEntry[],
  warnings: string[],
): boolean {
  const reader = new ByteReader(bytes, start + 4);
  try {
    const count = reader.uint(4);
    const entries: [number, number][] = [];
    for (let k = 0; k < count; k++) entries.push([reader.uint(8), reader.uint(8)]);
    reader.uint(8);
    const indexOffset = reader.uint(8);
    const trailer = reader.raw(TRAILER.length);
    const ok =
      indexOffset === start &&
      TRAILER.every((byte, i) => trailer[i] === byte) &&
      count === chunks.length &&
      entries.every(
        ([offset, first], k) => chunks[k]!.offset === offset && chunks[k]!.firstEvent === first,
      );
    if (!ok) fail('the index does not match the chunks', start);
    return true;
  } catch (error) {
    if (error instanceof ByteRangeError) {
      warnings.push(`the index at byte ${start} is torn: rebuilt it from the chunks`);
      return true;
    }
    throw error;
  }
}
