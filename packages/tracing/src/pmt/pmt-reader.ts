/**
 * Reads a `.pmt` binary trace (docs/formats/pmt.md), version 2 or 1, into a
 * {@link Trace}, and says what it found about the file on the way (for `pymem check`).
 *
 *   header ──► chunk ──► chunk ──► … ──┬─► index ──► trailer ──► end of file
 *                                     ├─► end of file (no index: killed writer)
 *                                     └─► torn chunk (killed mid-write)
 *
 * What the reader does with each problem:
 *
 *   problem                              default              salvage
 *   ─────────────────────────────────    ─────────────────    ──────────────────────────────
 *   torn tail, no index, torn index      warning              warning
 *   bad checksum (v2) or a region that   PmtDamageError,      skip it, warn how many events
 *     cannot be what a writer wrote        one line, exit 2     were lost, go on (resync on the
 *                                                               next chunk whose header checks)
 *   unknown extension kind (v2)          one warning per kind, records skipped
 *   bad magic, version, pointer size     TraceFormatError     TraceFormatError
 *
 * Invariants of the walk: `nextFirst` is the first event of the next chunk the file
 * should hold (decoded + lost events); every chunk accepted starts there or, after a
 * loss, later; the builder holds the events of accepted chunks only (a chunk that fails
 * half way is rolled back).
 */
import { TraceFormatError } from '../errors.ts';
import type { Trace } from '../trace.ts';
import { ByteRangeError } from './bytes.ts';
import { crc32c } from './checksum.ts';
import {
  CHECKSUM_BYTES,
  CHUNK_HEADER_BYTES,
  CHUNK_HEADER_BYTES_1,
  CHUNK_HEADER_CHECKSUM_AT,
  CHUNK_MAGIC,
  CHUNK_MAGIC_1,
  CHUNK_PAYLOAD_CHECKSUM_AT,
  extensionKindName,
  FILE_HEADER_BYTES,
  FILE_MAGIC,
  FORMAT_VERSION,
  FORMAT_VERSION_1,
  INDEX_ENTRY_BYTES,
  INDEX_MAGIC,
  INDEX_MAGIC_1,
  POINTER_SIZE,
  TRAILER,
} from './format.ts';
import { LOST_TYPE } from './model-codec.ts';
import { type PmtDamage, PmtDamageError, type PmtRegion } from './pmt-damage.ts';
import { fail, LOST_FILENAME, RecordDecoder } from './records.ts';

/** Where each chunk starts: its file offset and the index of its first event. */
export interface PmtChunkEntry {
  readonly offset: number;
  readonly firstEvent: number;
  readonly events: number;
}

/** The end of a file whose writer was killed while writing a chunk. */
export interface PmtTornTail {
  /** Byte offset where the torn chunk (or chunk header) starts. */
  readonly offset: number;
  /** Bytes of it in the file. */
  readonly bytes: number;
  /** Events in the complete chunks before it (all of them readable). */
  readonly completeEvents: number;
}

/** Extension records a reader skipped because it does not implement their kind. */
export interface PmtExtensionSummary {
  /** The extension kind id (format.ts `ExtensionKind`). */
  readonly kind: number;
  /** `kind 2 (collector)`, or `kind 9` for an unassigned id. */
  readonly name: string;
  readonly records: number;
  /** Payload bytes skipped. */
  readonly bytes: number;
}

/** The index (footer): read and matching, absent, cut short, or damaged. */
export type PmtIndexState = 'intact' | 'missing' | 'torn' | 'damaged';

/** A decoded `.pmt` file. */
export interface PmtFile {
  readonly trace: Trace;
  /** The file's format version (1 or 2). */
  readonly version: number;
  /** The chunks decoded, in file order (damaged chunks are in {@link damage}). */
  readonly chunks: readonly PmtChunkEntry[];
  /** Non-fatal problems, one line each: a torn tail, a missing index, skipped records. */
  readonly warnings: readonly string[];
  readonly index: PmtIndexState;
  /** The torn last chunk of a killed recording, or null. */
  readonly torn: PmtTornTail | null;
  /** Damaged regions skipped (only ever non-empty with `salvage`). */
  readonly damage: readonly PmtDamage[];
  /** Events lost in damaged chunks: known ones counted; `unknown` when a loss is unbounded. */
  readonly lostEvents: { readonly known: number; readonly unknown: boolean };
  readonly extensions: readonly PmtExtensionSummary[];
  /** Checksums that matched (0 for version 1, which has none). */
  readonly checksumsVerified: number;
  /** Checksums that did not match (only ever non-zero with `salvage`). */
  readonly checksumsFailed: number;
}

/** Options of {@link decodePmt}. */
export interface PmtReadOptions {
  /**
   * Skip damaged regions (bad checksums, impossible structure) with a warning that
   * says how many events were lost, instead of throwing PmtDamageError.
   */
  readonly salvage?: boolean;
}

/** True when `bytes` begins with the `.pmt` magic. */
export function isPmt(bytes: Uint8Array): boolean {
  return bytes.length >= FILE_MAGIC.length && FILE_MAGIC.every((byte, i) => bytes[i] === byte);
}

/**
 * Decodes a whole `.pmt` file (version 1 or 2).
 * @throws TraceFormatError naming the byte offset; PmtDamageError (a TraceFormatError)
 *   for a damaged region when `options.salvage` is not set.
 */
export function decodePmt(bytes: Uint8Array, options: PmtReadOptions = {}): PmtFile {
  try {
    return new PmtFileReader(bytes, options.salvage ?? false).read();
  } catch (error) {
    if (error instanceof ByteRangeError) fail(error.message, error.offset);
    throw error;
  }
}

/**
 * The extension records `decoder` skipped, by kind, each also warned about in
 * `warnings` (one line per kind).
 */
export function skippedExtensions(
  decoder: RecordDecoder,
  warnings: string[],
): PmtExtensionSummary[] {
  const extensions = [...decoder.extensions]
    .sort(([x], [y]) => x - y)
    .map(([kind, { records, bytes }]) => ({
      kind,
      name: extensionKindName(kind),
      records,
      bytes,
    }));
  for (const { name, records, bytes } of extensions) {
    warnings.push(
      `skipped ${count(records)} extension record${records === 1 ? '' : 's'} of ${name} (${count(bytes)} bytes): this reader does not implement it`,
    );
  }
  return extensions;
}

/** The parts of a version's layout that differ. */
export interface Layout {
  readonly chunkMagic: number;
  readonly chunkHeaderBytes: number;
  readonly indexMagic: number;
  readonly checksums: boolean;
}

/** The layout of each readable format version. */
export const LAYOUTS: Readonly<Record<number, Layout>> = {
  [FORMAT_VERSION_1]: {
    chunkMagic: CHUNK_MAGIC_1,
    chunkHeaderBytes: CHUNK_HEADER_BYTES_1,
    indexMagic: INDEX_MAGIC_1,
    checksums: false,
  },
  [FORMAT_VERSION]: {
    chunkMagic: CHUNK_MAGIC,
    chunkHeaderBytes: CHUNK_HEADER_BYTES,
    indexMagic: INDEX_MAGIC,
    checksums: true,
  },
};

const hex32 = (value: number) => `0x${value.toString(16).padStart(8, '0')}`;
const count = (value: number) => value.toLocaleString('en-US');

class PmtFileReader {
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private readonly salvage: boolean;
  private layout: Layout = LAYOUTS[FORMAT_VERSION]!;
  private version = FORMAT_VERSION;
  private decoder = new RecordDecoder(true);
  private readonly chunks: PmtChunkEntry[] = [];
  private readonly warnings: string[] = [];
  private readonly damage: PmtDamage[] = [];
  private index: PmtIndexState = 'missing';
  private torn: PmtTornTail | null = null;
  private ordinal = 0;
  private nextFirst = 0;
  private lostUnknown = false;
  private checksumsVerified = 0;
  private checksumsFailed = 0;

  constructor(bytes: Uint8Array, salvage: boolean) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.salvage = salvage;
  }

  read(): PmtFile {
    const { metadata, end } = this.header();
    this.decoder.builder.reserve(this.countEvents(end));
    let at: number | null = end;
    while (at !== null && at < this.bytes.length) at = this.chunk(at);
    if (this.index === 'missing' && this.damage.length === 0) {
      this.warnings.push(
        'the file has no index (the recording did not close cleanly): rebuilt it from the chunks',
      );
    }
    const decoder = this.decoder;
    const { filenames, tracebacks } = decoder.placeholders;
    if (filenames + tracebacks > 0) {
      const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
      this.warnings.push(
        `${plural(filenames, 'file name')} and ${plural(tracebacks, 'traceback')} defined in lost chunks are placeholders ("${LOST_FILENAME}", no frames)`,
      );
    }
    if (decoder.model.placeholders > 0) {
      const n = decoder.model.placeholders;
      this.warnings.push(
        `${n} object type name${n === 1 ? '' : 's'} defined in lost chunks read as "${LOST_TYPE}"`,
      );
    }
    const extensions = skippedExtensions(decoder, this.warnings);
    decoder.builder.heapSnapshots.push(...decoder.heapSnapshots.finish());
    const trace = decoder.builder.finish({
      formatVersion: 1,
      python: metadata.python as string,
      metadata,
    });
    return {
      trace,
      version: this.version,
      chunks: this.chunks,
      warnings: this.warnings,
      index: this.index,
      torn: this.torn,
      damage: this.damage,
      lostEvents: { known: this.nextFirst - trace.length, unknown: this.lostUnknown },
      extensions,
      checksumsVerified: this.checksumsVerified,
      checksumsFailed: this.checksumsFailed,
    };
  }

  /**
   * Events the chunk headers from `at` on announce, read by hopping from header to
   * header (nothing is checked or decoded here): what the builder reserves up front.
   * Stops at the first thing that is not a whole chunk.
   */
  private countEvents(at: number): number {
    const { bytes, view, layout } = this;
    let total = 0;
    while (at + layout.chunkHeaderBytes <= bytes.length) {
      if (view.getUint32(at, true) !== layout.chunkMagic) break;
      const length = view.getUint32(at + 4, true);
      const events = view.getUint32(at + 8, true);
      const end = at + layout.chunkHeaderBytes + length;
      // An event takes at least two bytes: a header claiming more is damage, found later.
      if (end > bytes.length || events * 2 > length) break;
      total += events;
      at = end;
    }
    return total;
  }

  /** The file header: magic, version, pointer size, flags, metadata (and its checksum). */
  private header(): { metadata: Record<string, unknown>; end: number } {
    const bytes = this.bytes;
    if (!isPmt(bytes)) fail('not a .pmt file (bad magic)', 0);
    if (bytes.length < FILE_HEADER_BYTES)
      fail(`the file header is torn (${bytes.length} of ${FILE_HEADER_BYTES} bytes)`, 0);
    const version = this.view.getUint16(8, true);
    const layout = LAYOUTS[version];
    if (!layout) {
      fail(
        `unsupported .pmt format version ${version} (this reader knows ${FORMAT_VERSION_1} and ${FORMAT_VERSION})`,
        8,
      );
    }
    this.version = version;
    this.layout = layout;
    this.decoder = new RecordDecoder(layout.checksums);
    const metadataLength = this.view.getUint32(12, true);
    const metadataEnd = FILE_HEADER_BYTES + metadataLength;
    const end = metadataEnd + (layout.checksums ? CHECKSUM_BYTES : 0);
    if (end > bytes.length) {
      fail(
        `the file header (${metadataLength} bytes of metadata) runs past the end of the file`,
        FILE_HEADER_BYTES,
      );
    }
    let damaged: PmtDamage | null = null;
    if (layout.checksums) {
      const stored = this.view.getUint32(metadataEnd, true);
      const computed = crc32c(bytes, 0, metadataEnd);
      if (stored === computed) this.checksumsVerified++;
      else {
        this.checksumsFailed++;
        damaged = this.damaged(
          'header',
          0,
          null,
          0,
          `the file header is damaged: its checksum is ${hex32(computed)}, the file says ${hex32(stored)}`,
        );
      }
    }
    const unreadable = (message: string, offset: number): never => {
      if (damaged)
        throw new PmtDamageError({ ...damaged, message: `${damaged.message}; ${message}` });
      return fail(message, offset);
    };
    const pointerSize = bytes[10]!;
    if (pointerSize !== POINTER_SIZE)
      unreadable(`pointer size ${pointerSize} is not supported (64-bit only)`, 10);
    let metadata: Record<string, unknown> = {};
    try {
      metadata = JSON.parse(
        new TextDecoder('utf-8', { fatal: true }).decode(
          bytes.subarray(FILE_HEADER_BYTES, metadataEnd),
        ),
      );
    } catch {
      unreadable('metadata is not a JSON object', FILE_HEADER_BYTES);
    }
    if (typeof metadata !== 'object' || metadata === null || typeof metadata.python !== 'string')
      unreadable('metadata has no "python" version', FILE_HEADER_BYTES);
    return { metadata, end };
  }

  /** Reads the chunk (or index) at `at`; returns where the next one starts, or null at the end. */
  private chunk(at: number): number | null {
    const { bytes, view, layout } = this;
    const remaining = bytes.length - at;
    if (remaining >= 4 && view.getUint32(at, true) === layout.indexMagic) {
      this.readIndex(at);
      return null;
    }
    if (remaining < layout.chunkHeaderBytes) {
      if (this.startsLikeMagic(at)) {
        this.tear(
          at,
          `the last ${remaining} bytes (from byte ${at}) are a torn chunk header: ignored`,
        );
        return null;
      }
      return this.skip(at, `${remaining} bytes at the end are neither a chunk nor the index`);
    }
    if (view.getUint32(at, true) !== layout.chunkMagic) {
      const name = layout.checksums ? 'CHK2' : 'CHK1';
      return this.skip(
        at,
        `expected a chunk (${name}) or the index, found ${hex32(view.getUint32(at, true))}`,
      );
    }
    if (layout.checksums) {
      const stored = view.getUint32(at + CHUNK_HEADER_CHECKSUM_AT, true);
      const computed = crc32c(bytes, at, at + CHUNK_HEADER_CHECKSUM_AT);
      if (stored !== computed) {
        this.checksumsFailed++;
        return this.skip(
          at,
          `its header checksum is ${hex32(computed)}, the header says ${hex32(stored)}`,
        );
      }
      this.checksumsVerified++;
    }
    const length = view.getUint32(at + 4, true);
    const events = view.getUint32(at + 8, true);
    const firstEvent = this.u64(at + 12);
    const payload = at + layout.chunkHeaderBytes;
    const end = payload + length;
    if (end > bytes.length) {
      this.tear(
        at,
        `chunk at byte ${at} is torn (${bytes.length - payload} of ${length} bytes): the trace ends at event ${this.decoder.builder.length}`,
      );
      return null;
    }
    if (firstEvent !== this.nextFirst) {
      if (firstEvent < this.nextFirst || !this.salvage) {
        this.damaged(
          'chunk',
          at + 12,
          this.ordinal,
          0,
          `chunk ${this.ordinal} says its first event is ${firstEvent}, expected ${this.nextFirst}`,
        );
        return this.dropChunk(end, events, firstEvent);
      }
      this.lost(
        at,
        firstEvent - this.nextFirst,
        `chunk ${this.ordinal} at byte ${at} starts at event ${count(firstEvent)}, not ${count(this.nextFirst)}: the chunks between are missing`,
      );
    }
    if (layout.checksums) {
      const stored = view.getUint32(at + CHUNK_PAYLOAD_CHECKSUM_AT, true);
      const computed = crc32c(bytes, payload, end);
      if (stored !== computed) {
        this.checksumsFailed++;
        this.damaged(
          'chunk',
          at,
          this.ordinal,
          events,
          `chunk ${this.ordinal} is damaged: its payload checksum is ${hex32(computed)}, the header says ${hex32(stored)}`,
        );
        return this.dropChunk(end, events, firstEvent);
      }
      this.checksumsVerified++;
    }
    const saved = this.decoder.save();
    let decoded: number;
    try {
      decoded = this.decoder.decodeChunk(bytes, payload, end);
    } catch (error) {
      if (!this.salvage || !(error instanceof TraceFormatError || error instanceof ByteRangeError))
        throw error;
      this.decoder.restore(saved);
      const where =
        error instanceof ByteRangeError ? `byte ${error.offset}: ${error.message}` : error.message;
      this.damaged(
        'chunk',
        at,
        this.ordinal,
        events,
        `chunk ${this.ordinal} does not decode (${where})`,
      );
      return this.dropChunk(end, events, firstEvent);
    }
    if (decoded !== events) {
      const message = `chunk holds ${decoded} events but its header says ${events}`;
      if (!this.salvage) fail(message, at + 8);
      this.decoder.restore(saved);
      this.damaged('chunk', at, this.ordinal, events, `chunk ${this.ordinal}: ${message}`);
      return this.dropChunk(end, events, firstEvent);
    }
    this.chunks.push({ offset: at, firstEvent, events });
    this.nextFirst = firstEvent + events;
    this.ordinal++;
    return end;
  }

  /** After a damaged chunk whose header is sound: its events are lost, the next chunk follows. */
  private dropChunk(end: number, events: number, firstEvent: number): number {
    this.decoder.lossy = true;
    this.nextFirst = Math.max(this.nextFirst, firstEvent + events);
    this.ordinal++;
    return end;
  }

  /**
   * A region at `at` that is not a sound chunk header: damage; with salvage, resumes at
   * the next chunk (or index) whose header checks, counting the events between as lost.
   */
  private skip(at: number, what: string): number | null {
    const message = `chunk ${this.ordinal} at byte ${at} is damaged: ${what}`;
    if (!this.salvage) this.damaged('chunk', at, this.ordinal, null, message);
    const next = this.resync(at + 1);
    let first: number | null = null;
    let where = 'nothing readable follows';
    if (next !== null) {
      const isIndex = this.view.getUint32(next, true) === this.layout.indexMagic;
      first = isIndex ? this.indexTotal(next) : this.u64(next + 12);
      where = `skipped ${count(next - at)} bytes to the ${isIndex ? 'index' : 'next chunk'} at byte ${next}`;
    }
    this.damaged(
      'chunk',
      at,
      this.ordinal,
      first === null ? null : first - this.nextFirst,
      `${message}; ${where}`,
    );
    if (first === null) this.lostUnknown = true;
    else this.nextFirst = first;
    this.decoder.lossy = true;
    this.ordinal++;
    return next;
  }

  /** The first offset ≥ `from` holding a chunk header or index that checks, or null. */
  private resync(from: number): number | null {
    const { bytes, view, layout } = this;
    for (let p = from; p + 4 <= bytes.length; p++) {
      const byte = bytes[p];
      if (byte !== 0x43 && byte !== 0x49) continue; // 'C' of CHKn, 'I' of IDXn
      const magic = view.getUint32(p, true);
      if (magic === layout.chunkMagic && this.soundChunkHeader(p)) return p;
      if (magic === layout.indexMagic && this.soundIndex(p)) return p;
    }
    return null;
  }

  private soundChunkHeader(p: number): boolean {
    const { bytes, view, layout } = this;
    if (p + layout.chunkHeaderBytes > bytes.length) return false;
    if (this.u64(p + 12) < this.nextFirst) return false;
    if (!layout.checksums)
      return p + layout.chunkHeaderBytes + view.getUint32(p + 4, true) <= bytes.length;
    return (
      view.getUint32(p + CHUNK_HEADER_CHECKSUM_AT, true) ===
      crc32c(bytes, p, p + CHUNK_HEADER_CHECKSUM_AT)
    );
  }

  private soundIndex(p: number): boolean {
    const size = this.indexSize(p);
    if (size === null || p + size > this.bytes.length) return false;
    if (this.layout.checksums) {
      const body = size - TRAILER.length - CHECKSUM_BYTES;
      if (this.view.getUint32(p + body, true) !== crc32c(this.bytes, p, p + body)) return false;
    }
    return this.indexTotal(p) >= this.nextFirst;
  }

  /** Bytes of the index at `p` from its chunk count, or null when the count is cut off. */
  private indexSize(p: number): number | null {
    if (p + 8 > this.bytes.length) return null;
    const chunks = this.view.getUint32(p + 4, true);
    return (
      8 +
      chunks * INDEX_ENTRY_BYTES +
      16 +
      (this.layout.checksums ? CHECKSUM_BYTES : 0) +
      TRAILER.length
    );
  }

  private indexTotal(p: number): number {
    return this.u64(p + 8 + this.view.getUint32(p + 4, true) * INDEX_ENTRY_BYTES);
  }

  /**
   * Reads the index at `start` and sets {@link index}: `intact` when it matches the
   * chunks read, `torn` (with a warning) when the file ends inside it, `damaged` when
   * its checksum, trailer or contents disagree (PmtDamageError without salvage).
   */
  private readIndex(start: number): void {
    const { bytes, view, layout } = this;
    const size = this.indexSize(start);
    const entries = size === null ? 0 : view.getUint32(start + 4, true);
    const exact = this.damage.length === 0;
    if (size !== null && exact && entries !== this.chunks.length) {
      this.damagedIndex(
        'index',
        start,
        `the index at byte ${start} lists ${count(entries)} chunks, the file has ${count(this.chunks.length)}`,
      );
      return;
    }
    const endsWithTrailer = TRAILER.every(
      (byte, i) => bytes[bytes.length - TRAILER.length + i] === byte,
    );
    if (size === null || start + size > bytes.length) {
      if (endsWithTrailer && bytes.length - start > TRAILER.length) {
        this.damagedIndex(
          'index',
          start,
          `the index at byte ${start} lists ${count(entries)} chunks, more than the file holds`,
        );
        return;
      }
      this.index = 'torn';
      this.warnings.push(
        `the index at byte ${start} is torn (${bytes.length - start} bytes): rebuilt it from the chunks`,
      );
      return;
    }
    const body = size - TRAILER.length - (layout.checksums ? CHECKSUM_BYTES : 0);
    if (layout.checksums) {
      const stored = view.getUint32(start + body, true);
      const computed = crc32c(bytes, start, start + body);
      if (stored !== computed) {
        this.checksumsFailed++;
        this.damagedIndex(
          'index',
          start,
          `the index at byte ${start} is damaged: its checksum is ${hex32(computed)}, the index says ${hex32(stored)}`,
        );
        return;
      }
      this.checksumsVerified++;
    }
    const trailerAt = start + size - TRAILER.length;
    if (!TRAILER.every((byte, i) => bytes[trailerAt + i] === byte)) {
      this.damagedIndex('trailer', trailerAt, `the trailer at byte ${trailerAt} is not PMTEND`);
      return;
    }
    const listed = new Map<number, number>();
    for (let k = 0; k < entries; k++) {
      const entry = start + 8 + k * INDEX_ENTRY_BYTES;
      listed.set(this.u64(entry), this.u64(entry + 8));
    }
    const total = this.u64(start + 8 + entries * INDEX_ENTRY_BYTES);
    const indexOffset = this.u64(start + 8 + entries * INDEX_ENTRY_BYTES + 8);
    const matches = this.chunks.every((chunk) => listed.get(chunk.offset) === chunk.firstEvent);
    if (
      !matches ||
      indexOffset !== start ||
      (exact ? total !== this.nextFirst : total < this.nextFirst)
    ) {
      this.damagedIndex('index', start, `the index at byte ${start} does not match the chunks`);
      return;
    }
    if (total > this.nextFirst) {
      this.lost(
        start,
        total - this.nextFirst,
        `the chunks before the index at byte ${start} end at event ${count(this.nextFirst)}, the index says ${count(total)}`,
      );
      this.nextFirst = total;
    }
    if (start + size < bytes.length) {
      const extra = bytes.length - start - size;
      this.damagedIndex(
        'trailer',
        start + size,
        `${count(extra)} unexpected bytes follow the trailer at byte ${trailerAt}`,
      );
      return;
    }
    this.index = 'intact';
  }

  private damagedIndex(region: PmtRegion, offset: number, message: string): void {
    this.damaged(region, offset, null, 0, message, 'rebuilt the index from the chunks');
    this.index = 'damaged';
  }

  /**
   * Records a damaged region: throws PmtDamageError without salvage, else keeps it
   * and warns in one line what was done (`action`) and which events were lost.
   */
  private damaged(
    region: PmtRegion,
    offset: number,
    chunk: number | null,
    lostEvents: number | null,
    message: string,
    action = 'skipped it',
  ): PmtDamage {
    const damage: PmtDamage = { region, offset, chunk, lostEvents, message };
    if (!this.salvage) throw new PmtDamageError(damage);
    this.damage.push(damage);
    const from = this.nextFirst;
    const loss =
      lostEvents === null
        ? `an unknown number of events lost after event ${count(from)}`
        : lostEvents === 0
          ? 'no events lost'
          : `${count(lostEvents)} event${lostEvents === 1 ? '' : 's'} lost (events ${count(from)} to ${count(from + lostEvents - 1)})`;
    this.warnings.push(`byte ${offset}: ${message}; ${action}: ${loss}`);
    return damage;
  }

  /** Events missing between two sound regions (a chunk cut out of the file). */
  private lost(offset: number, events: number, message: string): void {
    this.decoder.lossy = true;
    this.damaged('chunk', offset, null, events, message, 'read on');
  }

  private tear(offset: number, warning: string): void {
    this.torn = {
      offset,
      bytes: this.bytes.length - offset,
      completeEvents: this.decoder.builder.length,
    };
    this.warnings.push(warning);
  }

  /** True when the bytes at `at` (to the end) are a prefix of a chunk or index magic. */
  private startsLikeMagic(at: number): boolean {
    const { bytes, layout } = this;
    const prefixOf = (magic: number) => {
      for (let i = 0; i < 4 && at + i < bytes.length; i++)
        if (bytes[at + i] !== ((magic >>> (8 * i)) & 0xff)) return false;
      return true;
    };
    return prefixOf(layout.chunkMagic) || prefixOf(layout.indexMagic);
  }

  private u64(at: number): number {
    return this.view.getUint32(at, true) + this.view.getUint32(at + 4, true) * 2 ** 32;
  }
}
