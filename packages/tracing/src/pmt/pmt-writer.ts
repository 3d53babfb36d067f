/**
 * Writes a {@link Trace} as a `.pmt` file of version 2 (docs/formats/pmt.md), chunk by
 * chunk. Every address delta restarts at 0 in each chunk, so each chunk decodes on its
 * own; notes are written in stream order between the events they sit between (a run
 * of object or collector records between the same two events as one extension record
 * of kind 1 or 2, model-codec.ts). The header, every chunk and the index carry CRC-32C
 * checksums (format.ts, invariant 4).
 */
import type { CollectorRecord, ObjectRecord } from '../model-records.ts';
import { type Note, notesInOrder } from '../notes.ts';
import { type EventColumns, Op, type OpCode, type Trace } from '../trace.ts';
import { ByteWriter, zigzag } from './bytes.ts';
import { crc32c } from './checksum.ts';
import {
  ADDRESS_ALIGNMENT,
  ALIGNED_BIT,
  CHUNK_MAGIC,
  DELTA_CLASS_COUNT,
  DOMAIN_SHIFT,
  EVENTS_PER_CHUNK,
  ExtensionKind,
  FILE_MAGIC,
  FORMAT_VERSION,
  INDEX_MAGIC,
  Kind,
  POINTER_SIZE,
  requestClass,
  SITE_BIT,
  TRAILER,
} from './format.ts';
import { ModelRecordEncoder } from './model-codec.ts';

/** Options of {@link encodePmt}. */
export interface PmtWriteOptions {
  /** Events per chunk (default 65,536). */
  readonly eventsPerChunk?: number;
}

/** Yields the bytes of `trace` as a `.pmt` file: header, chunks, index. */
export function* encodePmt(trace: Trace, options: PmtWriteOptions = {}): Generator<Uint8Array> {
  const perChunk = options.eventsPerChunk ?? EVENTS_PER_CHUNK;
  const encoder = new PmtEncoder();
  yield encoder.header({ ...trace.header.metadata, python: trace.header.python });
  const notes = notesInOrder(trace);
  let note = 0;
  // Chunks start at every multiple of perChunk up to the length (an empty last chunk
  // when the length is one); the last one also holds the notes after every event.
  for (let first = 0; ; first += perChunk) {
    const last = Math.min(first + perChunk, trace.length);
    const final = first + perChunk > trace.length;
    const { bytes, next } = encoder.chunk(trace, 0, first, last, notes, note, final);
    note = next;
    yield bytes;
    if (final) break;
  }
  yield encoder.index(trace.length);
}

/**
 * Encodes a `.pmt` file piece by piece — the header, then chunk after chunk, then the
 * index — keeping only the chunk index between calls: what a writer that never holds
 * the whole recording (a synthetic recording of any length) streams to a file.
 * Invariant: `fileOffset` is the number of bytes returned so far.
 */
export class PmtEncoder {
  private fileOffset = 0;
  private readonly entries: [number, number][] = [];
  private readonly payload = new ByteWriter();
  private readonly model = new ModelRecordEncoder();
  private readonly prevClass = new Array<number>(DELTA_CLASS_COUNT).fill(0);
  private prev = 0;

  /** The file header; call first. */
  header(metadata: Readonly<Record<string, unknown>>): Uint8Array {
    const bytes = fileHeaderBytes(metadata);
    this.fileOffset += bytes.length;
    return bytes;
  }

  /**
   * One chunk: events `first` … `last − 1` (row `i − base` of `columns` holds event i)
   * and, from `notes[from]` on, the notes that sit before event `last` — at `last`
   * too when `final` (the notes after every event). Returns its bytes and the index
   * of the first note it did not write.
   */
  chunk(
    columns: EventColumns,
    base: number,
    first: number,
    last: number,
    notes: readonly Note[],
    from: number,
    final: boolean,
  ): { bytes: Uint8Array; next: number } {
    const payload = this.payload;
    const prevClass = this.prevClass;
    const model = this.model;
    this.prev = 0;
    prevClass.fill(0);
    model.restart();
    let note = from;
    for (let i = first; i <= last; i++) {
      if (i === last && !final) break;
      while (note < notes.length && notes[note]!.note.eventIndex === i) {
        const kind = notes[note]!.kind;
        if (kind !== 'object' && kind !== 'collector') {
          writeNote(payload, notes[note++]!);
          continue;
        }
        // A run of model records between the same two events: one extension record.
        let end = note + 1;
        while (end < notes.length && notes[end]!.kind === kind && notes[end]!.note.eventIndex === i)
          end++;
        const run = notes.slice(note, end).map((entry) => entry.note);
        const body =
          kind === 'object'
            ? model.objects(run as ObjectRecord[])
            : model.collector(run as CollectorRecord[]);
        payload.u8(Kind.extension);
        payload.varint(kind === 'object' ? ExtensionKind.objects : ExtensionKind.collector);
        payload.varint(body.length);
        payload.raw(body);
        note = end;
      }
      if (i === last) break;
      const row = i - base;
      this.event(
        columns.op[row]! as OpCode,
        columns.domain[row]!,
        columns.a[row]!,
        columns.b[row]!,
        columns.c[row]!,
        columns.site[row]!,
      );
    }
    this.entries.push([this.fileOffset, first]);
    const bytes = chunkBytes(payload.take(), last - first, first);
    this.fileOffset += bytes.length;
    return { bytes, next: note };
  }

  /** The index (footer) of the chunks returned so far, holding `totalEvents`; call last. */
  index(totalEvents: number): Uint8Array {
    return indexBytes(this.entries, totalEvents, this.fileOffset);
  }

  private address(value: number, aligned: boolean): void {
    const delta = value - this.prev;
    this.payload.varint(zigzag(aligned ? delta / ADDRESS_ALIGNMENT : delta));
    this.prev = value;
  }

  private event(op: OpCode, domain: number, a: number, b: number, c: number, site: number): void {
    const payload = this.payload;
    const prev = this.prev;
    const domainBits = op >= Op.malloc ? domain << DOMAIN_SHIFT : 0;
    const siteBit = site >= 0 ? SITE_BIT : 0;
    switch (op) {
      case Op.arenaAlloc: {
        const aligned = (b - prev) % ADDRESS_ALIGNMENT === 0;
        payload.u8(Kind.arenaAlloc | (aligned ? ALIGNED_BIT : 0));
        payload.varint(a);
        this.address(b, aligned);
        break;
      }
      case Op.arenaFree: {
        const aligned = (a - prev) % ADDRESS_ALIGNMENT === 0;
        payload.u8(Kind.arenaFree | (aligned ? ALIGNED_BIT : 0));
        this.address(a, aligned);
        payload.varint(b);
        break;
      }
      case Op.malloc:
      case Op.calloc: {
        const k = requestClass(a);
        const delta = b - this.prevClass[k]!;
        const aligned = delta % ADDRESS_ALIGNMENT === 0;
        payload.u8(op | domainBits | siteBit | (aligned ? ALIGNED_BIT : 0));
        payload.varint(a);
        payload.varint(zigzag(aligned ? delta / ADDRESS_ALIGNMENT : delta));
        this.prev = b;
        this.prevClass[k] = b;
        break;
      }
      case Op.realloc: {
        const aligned = (a - prev) % ADDRESS_ALIGNMENT === 0 && (c - a) % ADDRESS_ALIGNMENT === 0;
        payload.u8(Kind.realloc | domainBits | siteBit | (aligned ? ALIGNED_BIT : 0));
        this.address(a, aligned);
        payload.varint(b);
        this.address(c, aligned);
        break;
      }
      default: {
        const aligned = (a - prev) % ADDRESS_ALIGNMENT === 0;
        payload.u8(Kind.free | domainBits | (aligned ? ALIGNED_BIT : 0));
        this.address(a, aligned);
      }
    }
    if (siteBit) payload.varint(site);
  }
}

/** The v2 file header: magic, version, pointer size, flags, metadata JSON, checksum. */
export function fileHeaderBytes(metadata: Readonly<Record<string, unknown>>): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(metadata));
  const out = new ByteWriter();
  out.raw(FILE_MAGIC);
  out.uint(FORMAT_VERSION, 2);
  out.u8(POINTER_SIZE);
  out.u8(0);
  out.uint(json.length, 4);
  out.raw(json);
  return withChecksum(out);
}

/**
 * One v2 chunk: its 28-byte header (magic, payload length, `events`, `firstEvent`,
 * payload checksum, header checksum) followed by `payload` (records, see
 * docs/formats/pmt.md). `events` must count the event records (kinds 0–5) in it.
 */
export function chunkBytes(payload: Uint8Array, events: number, firstEvent: number): Uint8Array {
  const out = new ByteWriter();
  out.uint(CHUNK_MAGIC, 4);
  out.uint(payload.length, 4);
  out.uint(events, 4);
  out.uint(firstEvent, 8);
  out.uint(crc32c(payload), 4);
  const header = withChecksum(out);
  const bytes = new Uint8Array(header.length + payload.length);
  bytes.set(header);
  bytes.set(payload, header.length);
  return bytes;
}

/**
 * The v2 index (footer) of a file whose chunks start at the `entries`' offsets and
 * first events, holding `totalEvents`, placed at byte `indexOffset`; it ends with the
 * checksum of everything before it in the index and the trailer.
 */
export function indexBytes(
  entries: readonly (readonly [offset: number, firstEvent: number])[],
  totalEvents: number,
  indexOffset: number,
): Uint8Array {
  const out = new ByteWriter();
  out.uint(INDEX_MAGIC, 4);
  out.uint(entries.length, 4);
  for (const [offset, firstEvent] of entries) {
    out.uint(offset, 8);
    out.uint(firstEvent, 8);
  }
  out.uint(totalEvents, 8);
  out.uint(indexOffset, 8);
  const body = withChecksum(out);
  const bytes = new Uint8Array(body.length + TRAILER.length);
  bytes.set(body);
  bytes.set(TRAILER, body.length);
  return bytes;
}

/**
 * One extension record (kind 15): the tag, `varint extensionKind`, `varint byteLength`
 * and the opaque `payload` (the writer's object and collector records use it).
 */
export function extensionRecordBytes(extensionKind: number, payload: Uint8Array): Uint8Array {
  const out = new ByteWriter();
  out.u8(Kind.extension);
  out.varint(extensionKind);
  out.varint(payload.length);
  out.raw(payload);
  return out.take();
}

/** What `out` holds followed by its CRC-32C (u32). */
function withChecksum(out: ByteWriter): Uint8Array {
  const bytes = out.take();
  const checksum = crc32c(bytes);
  const whole = new Uint8Array(bytes.length + 4);
  whole.set(bytes);
  new DataView(whole.buffer).setUint32(bytes.length, checksum, true);
  return whole;
}

function writeNote(out: ByteWriter, { kind, note }: Note): void {
  switch (kind) {
    case 'mark':
      out.u8(Kind.mark);
      out.string(note.label);
      out.string(note.stats);
      if (note.tracemalloc !== '') {
        out.u8(Kind.tracemalloc);
        out.string(note.tracemalloc);
      }
      return;
    case 'comment':
      out.u8(Kind.comment);
      out.string(note.text);
      return;
    case 'gc':
      out.u8(Kind.gc);
      out.varint(note.generation);
      out.varint(note.collected);
      out.varint(note.uncollectable);
      out.varint(note.durationNs);
      return;
    case 'filename':
      out.u8(Kind.filename);
      out.varint(note.id);
      out.string(note.filename);
      return;
    case 'heapSnapshot':
      for (const part of note.parts) {
        out.u8(Kind.extension);
        out.varint(ExtensionKind.heapSnapshot);
        out.varint(part.length);
        out.raw(part);
      }
      return;
    case 'traceback':
      out.u8(Kind.traceback);
      out.varint(note.id);
      out.varint(note.totalFrames);
      out.varint(note.frames.length);
      for (const frame of note.frames) {
        out.varint(frame.filename);
        out.varint(frame.lineno);
      }
      return;
    default:
      // Object and collector records go as extension records (see encodePmt).
      throw new Error(`writeNote: ${kind} records are written in runs`);
  }
}

/** Encodes a whole trace into one byte array. */
export function encodePmtBytes(trace: Trace, options: PmtWriteOptions = {}): Uint8Array {
  const parts = [...encodePmt(trace, options)];
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
