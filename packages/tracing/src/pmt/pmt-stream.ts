/**
 * Reads a `.pmt` file (version 2 or 1) a chunk at a time, in memory bounded by one
 * chunk plus the notes and the chunk index, as a {@link StreamedTrace}.
 *
 *   scan (once):   header ──► chunk ──► … ──► index | end of file | torn chunk
 *                  every checksum checked, every record read once: the notes are
 *                  kept, the events only checked and counted (a count-only
 *                  decoder); the chunk index is kept
 *   windows():     chunk ──► chunk ──► …   decoded again from the index, one window
 *                  of events per chunk (checksums checked again)
 *
 * Only sound files are streamed: a clean one, one without its index (a killed
 * recording) or ending in a torn chunk — with exactly the warnings `decodePmt` gives.
 * Anything else (a damaged region, a mismatched index, unexpected bytes) makes
 * {@link scanPmt} answer null: the caller reads the file whole, whose reader reports
 * the damage (or salvages around it) exactly as before.
 *
 * Invariants of the scan: `nextFirst` is the first event of the next chunk and equals
 * the events decoded; every chunk in the index decoded to exactly its header's count.
 */
import { TraceFormatError } from '../errors.ts';
import type { StreamedTrace } from '../streamed-trace.ts';
import type { EventWindow, TraceNotes } from '../trace.ts';
import { ByteRangeError } from './bytes.ts';
import { crc32c } from './checksum.ts';
import {
  CHECKSUM_BYTES,
  CHUNK_HEADER_CHECKSUM_AT,
  CHUNK_PAYLOAD_CHECKSUM_AT,
  FILE_HEADER_BYTES,
  INDEX_ENTRY_BYTES,
  POINTER_SIZE,
  TRAILER,
} from './format.ts';
import {
  isPmt,
  LAYOUTS,
  type Layout,
  type PmtChunkEntry,
  skippedExtensions,
} from './pmt-reader.ts';
import { RecordDecoder } from './records.ts';

/** Random access to a file's bytes (a file descriptor, or bytes in memory for tests). */
export interface PmtByteSource {
  /** The file's size in bytes. */
  readonly size: number;
  /** `length` bytes from `offset` (fewer only where the file ends). */
  read(offset: number, length: number): Uint8Array;
}

/** A scanned `.pmt`: its notes and chunk index, and a streamed trace over it. */
export interface PmtScan {
  readonly trace: StreamedTrace;
  /** The file's format version (1 or 2). */
  readonly version: number;
  /** The chunk index (read from the file or rebuilt from the chunks). */
  readonly chunks: readonly PmtChunkEntry[];
  /** Non-fatal problems, one line each, as `decodePmt` words them. */
  readonly warnings: readonly string[];
}

/** The pieces of a file found sound by the scan, for the second pass. */
interface Found {
  readonly layout: Layout;
  readonly chunks: PmtChunkEntry[];
  readonly notes: TraceNotes;
  readonly hasArenaEvents: boolean;
}

/** Thrown inside the scan when the file needs the whole reader. */
class NotStreamable extends Error {}

const count = (value: number) => value.toLocaleString('en-US');

/**
 * Scans `source` as a `.pmt` file (see the module comment).
 * @returns null when the file is not a sound `.pmt` file: read it whole instead.
 */
export function scanPmt(source: PmtByteSource): PmtScan | null {
  try {
    return new PmtScanner(source).scan();
  } catch (error) {
    if (
      error instanceof NotStreamable ||
      error instanceof TraceFormatError ||
      error instanceof ByteRangeError
    )
      return null;
    throw error;
  }
}

function u32(bytes: Uint8Array, at: number): number {
  return (
    (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0
  );
}

function u64(bytes: Uint8Array, at: number): number {
  return u32(bytes, at) + u32(bytes, at + 4) * 2 ** 32;
}

class PmtScanner {
  private readonly source: PmtByteSource;
  private readonly warnings: string[] = [];

  constructor(source: PmtByteSource) {
    this.source = source;
  }

  scan(): PmtScan {
    const { source, warnings } = this;
    const { layout, version, metadata, end } = this.header();
    const decoder = new RecordDecoder(layout.checksums);
    decoder.countOnly = true;
    const builder = decoder.builder;
    const chunks: PmtChunkEntry[] = [];
    let indexed = false;
    let at = end;
    while (at < source.size) {
      const remaining = source.size - at;
      const head = source.read(at, Math.min(remaining, layout.chunkHeaderBytes));
      if (head.length >= 4 && u32(head, 0) === layout.indexMagic) {
        this.index(at, layout, chunks, builder.length);
        indexed = true;
        break;
      }
      if (remaining < layout.chunkHeaderBytes) {
        if (!startsLikeMagic(head, layout)) throw new NotStreamable();
        warnings.push(
          `the last ${remaining} bytes (from byte ${at}) are a torn chunk header: ignored`,
        );
        break;
      }
      if (u32(head, 0) !== layout.chunkMagic) throw new NotStreamable();
      if (
        layout.checksums &&
        u32(head, CHUNK_HEADER_CHECKSUM_AT) !== crc32c(head, 0, CHUNK_HEADER_CHECKSUM_AT)
      )
        throw new NotStreamable();
      const length = u32(head, 4);
      const events = u32(head, 8);
      const firstEvent = u64(head, 12);
      const payloadAt = at + layout.chunkHeaderBytes;
      if (payloadAt + length > source.size) {
        warnings.push(
          `chunk at byte ${at} is torn (${source.size - payloadAt} of ${length} bytes): the trace ends at event ${builder.length}`,
        );
        break;
      }
      if (firstEvent !== builder.length) throw new NotStreamable();
      const payload = source.read(payloadAt, length);
      if (layout.checksums && u32(head, CHUNK_PAYLOAD_CHECKSUM_AT) !== crc32c(payload))
        throw new NotStreamable();
      builder.startWindow();
      if (decoder.decodeChunk(payload, 0, length) !== events) throw new NotStreamable();
      chunks.push({ offset: at, firstEvent, events });
      at = payloadAt + length;
    }
    if (!indexed) {
      warnings.push(
        'the file has no index (the recording did not close cleanly): rebuilt it from the chunks',
      );
    }
    skippedExtensions(decoder, warnings);
    builder.heapSnapshots.push(...decoder.heapSnapshots.finish());
    builder.startWindow();
    const notes = builder.notes({
      formatVersion: 1,
      python: metadata.python as string,
      metadata,
    });
    const found: Found = { layout, chunks, notes, hasArenaEvents: decoder.sawArenaAlloc };
    return { trace: streamedTrace(source, found), version, chunks, warnings };
  }

  /** The file header; anything unreadable or damaged is not streamable. */
  private header(): {
    layout: Layout;
    version: number;
    metadata: Record<string, unknown>;
    end: number;
  } {
    const { source } = this;
    const fixed = source.read(0, FILE_HEADER_BYTES);
    if (fixed.length < FILE_HEADER_BYTES || !isPmt(fixed)) throw new NotStreamable();
    const version = fixed[8]! | (fixed[9]! << 8);
    const layout = LAYOUTS[version];
    if (!layout || fixed[10] !== POINTER_SIZE) throw new NotStreamable();
    const metadataEnd = FILE_HEADER_BYTES + u32(fixed, 12);
    const end = metadataEnd + (layout.checksums ? CHECKSUM_BYTES : 0);
    if (end > source.size) throw new NotStreamable();
    const bytes = source.read(0, end);
    if (layout.checksums && u32(bytes, metadataEnd) !== crc32c(bytes, 0, metadataEnd))
      throw new NotStreamable();
    let metadata: unknown;
    try {
      metadata = JSON.parse(
        new TextDecoder('utf-8', { fatal: true }).decode(
          bytes.subarray(FILE_HEADER_BYTES, metadataEnd),
        ),
      );
    } catch {
      throw new NotStreamable();
    }
    if (
      typeof metadata !== 'object' ||
      metadata === null ||
      typeof (metadata as { python?: unknown }).python !== 'string'
    )
      throw new NotStreamable();
    return { layout, version, metadata: metadata as Record<string, unknown>, end };
  }

  /**
   * The index at `start`: it must be whole, check, list exactly `chunks` and `total`
   * events, and end the file with the trailer — else the file is not streamable.
   */
  private index(start: number, layout: Layout, chunks: PmtChunkEntry[], total: number): void {
    const { source } = this;
    const bytes = source.read(start, source.size - start);
    if (bytes.length < 8) throw new NotStreamable();
    const entries = u32(bytes, 4);
    const size =
      8 +
      entries * INDEX_ENTRY_BYTES +
      16 +
      (layout.checksums ? CHECKSUM_BYTES : 0) +
      TRAILER.length;
    if (size !== bytes.length || entries !== chunks.length) throw new NotStreamable();
    const body = size - TRAILER.length - (layout.checksums ? CHECKSUM_BYTES : 0);
    if (layout.checksums && u32(bytes, body) !== crc32c(bytes, 0, body)) throw new NotStreamable();
    if (!TRAILER.every((byte, i) => bytes[size - TRAILER.length + i] === byte))
      throw new NotStreamable();
    for (let k = 0; k < entries; k++) {
      const entry = 8 + k * INDEX_ENTRY_BYTES;
      const chunk = chunks[k]!;
      if (u64(bytes, entry) !== chunk.offset || u64(bytes, entry + 8) !== chunk.firstEvent)
        throw new NotStreamable();
    }
    const totalAt = 8 + entries * INDEX_ENTRY_BYTES;
    if (u64(bytes, totalAt) !== total || u64(bytes, totalAt + 8) !== start)
      throw new NotStreamable();
  }
}

/** True when `head` (the file's last bytes) is a prefix of a chunk or index magic. */
function startsLikeMagic(head: Uint8Array, layout: Layout): boolean {
  const prefixOf = (magic: number) => {
    for (let i = 0; i < 4 && i < head.length; i++)
      if (head[i] !== ((magic >>> (8 * i)) & 0xff)) return false;
    return true;
  };
  return prefixOf(layout.chunkMagic) || prefixOf(layout.indexMagic);
}

/**
 * What a scan found, as plain data (it survives structured cloning): enough to read
 * the file's events again, from any chunk, without scanning it a second time.
 */
export interface PmtScanIndex {
  /** The file's format version (1 or 2). */
  readonly version: number;
  readonly chunks: readonly PmtChunkEntry[];
  readonly notes: TraceNotes;
  readonly hasArenaEvents: boolean;
}

/** The index of a scan, to {@link reopenPmt} the same file later (elsewhere). */
export function scanIndex(scan: PmtScan): PmtScanIndex {
  const { windows: _, windowsFrom: __, hasArenaEvents, ...notes } = scan.trace;
  return { version: scan.version, chunks: scan.chunks, notes, hasArenaEvents };
}

/**
 * The streamed trace over a file scanned before (`index` from {@link scanIndex}):
 * no byte is read until a pass asks for its chunks, so `source` may hold only the
 * chunks a pass will read. The checksums are checked again as each chunk is read.
 * @throws TraceFormatError for an unknown format version
 */
export function reopenPmt(source: PmtByteSource, index: PmtScanIndex): StreamedTrace {
  const layout = LAYOUTS[index.version];
  if (!layout) throw new TraceFormatError(`unknown .pmt format version ${index.version}`, 0);
  return streamedTrace(source, {
    layout,
    chunks: [...index.chunks],
    notes: index.notes,
    hasArenaEvents: index.hasArenaEvents,
  });
}

/** The streamed trace over a scanned file: each pass decodes the chunks again. */
function streamedTrace(source: PmtByteSource, found: Found): StreamedTrace {
  return {
    ...found.notes,
    hasArenaEvents: found.hasArenaEvents,
    windows: () => windows(source, found, 0),
    windowsFrom: (eventIndex) => windows(source, found, chunkHolding(found.chunks, eventIndex)),
  };
}

/** The index of the chunk holding event `eventIndex` (the last chunk past the end). */
export function chunkHolding(chunks: readonly PmtChunkEntry[], eventIndex: number): number {
  let low = 0;
  let high = chunks.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (chunks[middle]!.firstEvent <= eventIndex) low = middle;
    else high = middle - 1;
  }
  return Math.max(0, low);
}

function* windows(source: PmtByteSource, found: Found, from: number): Generator<EventWindow> {
  const { layout, chunks } = found;
  const decoder = new RecordDecoder(layout.checksums);
  const builder = decoder.builder;
  // From the middle, file names, tracebacks and types named before were defined in
  // chunks not read again: their ids are accepted (the scan checked them already).
  decoder.lossy = from > 0;
  // The scan holds the notes: tracebacks are only checked and counted again.
  decoder.eventsOnly = true;
  for (let k = from; k < chunks.length; k++) {
    const chunk = chunks[k]!;
    // A pass from a later chunk: its events keep their numbers.
    if (builder.length < chunk.firstEvent) {
      builder.length = chunk.firstEvent;
      builder.startWindow();
    }
    const head = source.read(chunk.offset, layout.chunkHeaderBytes);
    const length = head.length === layout.chunkHeaderBytes ? u32(head, 4) : -1;
    const payload = length < 0 ? head : source.read(chunk.offset + layout.chunkHeaderBytes, length);
    const sound =
      length === payload.length &&
      u32(head, 0) === layout.chunkMagic &&
      u32(head, 8) === chunk.events &&
      (!layout.checksums || u32(head, CHUNK_PAYLOAD_CHECKSUM_AT) === crc32c(payload));
    let decoded = -1;
    try {
      if (sound) decoded = decoder.decodeChunk(payload, 0, length);
    } catch (error) {
      if (!(error instanceof TraceFormatError || error instanceof ByteRangeError)) throw error;
    }
    if (decoded !== chunk.events) {
      throw new TraceFormatError(
        `byte ${chunk.offset}: the chunk of events ${count(chunk.firstEvent)} on changed since the file was opened`,
        0,
      );
    }
    yield builder.window();
    builder.startWindow();
  }
}
