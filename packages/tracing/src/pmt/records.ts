/**
 * Decodes the records of one `.pmt` chunk payload into a {@link TraceBuilder}: one
 * small function per record kind over a single cursor (docs/formats/pmt.md, Records).
 *
 *   payload ──► tag ──┬─ 0–5  event      ──► builder.push (address deltas, sites)
 *                     ├─ 8    mark       ──► pending until the next record (13 may follow)
 *                     ├─ 9–12 comment, filename, traceback, gc ──► builder notes
 *                     ├─ 13   tracemalloc ──► closes the pending mark
 *                     └─ 15   extension  ──► kinds 1, 2: object and collector records
 *                                            (model-codec.ts); others skipped and
 *                                            counted per extension kind (v2)
 *
 * Invariants kept per chunk: every delta base (`prev`, `prevClass[k]`) starts at 0;
 * a mark is closed before the next record and at the end of the chunk; ids of file
 * names and tracebacks are dense and defined before use. After a chunk was lost
 * (`lossy`), ids defined in it are filled with `<lost>` placeholders instead of
 * failing, so the chunks after it still decode.
 *
 * Errors: a malformed record throws TraceFormatError `byte N: …` (ByteRangeError from
 * the cursor is turned into one by the file reader).
 */
import { TraceFormatError } from '../errors.ts';
import { HeapSnapshotAssembler } from '../heap-snapshot.ts';
import { type Mark, Op, type OpCode, TraceBuilder, type TracebackDefinition } from '../trace.ts';
import { ByteReader, unzigzag } from './bytes.ts';
import {
  ADDRESS_ALIGNMENT,
  ALIGNED_BIT,
  DELTA_CLASS_COUNT,
  DELTA_CLASS_MAX_SIZE,
  DELTA_CLASS_SHIFT,
  DOMAIN_SHIFT,
  ExtensionKind,
  KIND_MASK,
  Kind,
  requestClass,
  SITE_BIT,
} from './format.ts';
import { ModelRecordDecoder, ModelRecordError } from './model-codec.ts';

/** Throws TraceFormatError `byte <offset>: <message>`. */
export function fail(message: string, offset: number): never {
  throw new TraceFormatError(`byte ${offset}: ${message}`, 0);
}

/** Records and bytes of one extension kind that a reader skipped. */
export interface ExtensionCount {
  records: number;
  bytes: number;
}

/** The name a placeholder definition gets for a file name lost with a damaged chunk. */
export const LOST_FILENAME = '<lost>';

/**
 * The format's constants for the event loop, as constants of this module: the JIT
 * folds a module's own constants into the code, but loads and checks an imported
 * binding at every use.
 */
const ARENA_ALLOC = Op.arenaAlloc;
const ARENA_FREE = Op.arenaFree;
const MALLOC = Op.malloc;
const CALLOC = Op.calloc;
const REALLOC = Op.realloc;
const FREE = Op.free;
const TAG_KIND = KIND_MASK;
const TAG_ALIGNED = ALIGNED_BIT;
const TAG_SITE = SITE_BIT;
const TAG_DOMAIN_SHIFT = DOMAIN_SHIFT;
const ALIGNMENT = ADDRESS_ALIGNMENT;
const CLASS_SHIFT = DELTA_CLASS_SHIFT;
const CLASS_MAX_SIZE = DELTA_CLASS_MAX_SIZE;
const CLASS_COUNT = DELTA_CLASS_COUNT;

/** What an {@link RecordDecoder.eventsOnly} decoder keeps for each traceback definition. */
const UNKEPT_TRACEBACK: TracebackDefinition = Object.freeze({
  eventIndex: 0,
  seq: 0,
  id: -1,
  totalFrames: 0,
  frames: [],
});

/** Where {@link longVarint} stopped: the hot loop's cursor after a long varint. */
let cursor = 0;

/**
 * Bytes an event record can take: a tag and at most four varints of at most 8 bytes.
 * The hot loop reads a record without bounds checks only when this many bytes are left.
 */
const MAX_EVENT_RECORD_BYTES = 1 + 4 * 8;

/**
 * The varint of two or more bytes at `at` (its first byte is ≥ 128; the caller made
 * sure 8 bytes are there), with {@link cursor} moved past it; −1 when it is longer
 * than 8 bytes (the checked general path then reports it).
 */
function longVarint(bytes: Uint8Array, at: number): number {
  let value = bytes[at]! & 127;
  let scale = 128;
  for (let i = 1; i < 8; i++) {
    const byte = bytes[at + i]!;
    value += (byte & 127) * scale;
    if (byte < 128) {
      cursor = at + i + 1;
      return value;
    }
    scale *= 128;
  }
  return -1;
}

/** {@link unzigzag}, in int32 arithmetic for values below 2**31 (nearly every delta). */
function delta(value: number): number {
  if (value <= 0x7fffffff) return (value >>> 1) ^ -(value & 1);
  return unzigzag(value);
}

/** Decodes chunk payloads one after another into one builder (see the module comment). */
export class RecordDecoder {
  /** Where the trace is built. */
  readonly builder: TraceBuilder = new TraceBuilder();
  /** Extension records skipped, by extension kind. */
  readonly extensions: Map<number, ExtensionCount> = new Map();
  /** Heap snapshots (extension kind 3), assembled in stream order. */
  readonly heapSnapshots: HeapSnapshotAssembler = new HeapSnapshotAssembler();
  /** True once a chunk was lost: ids it defined become placeholders. */
  lossy = false;
  /**
   * Count events instead of decoding them (a scan that keeps only the notes): each run
   * of event records is checked and counted, none is written to the builder's columns,
   * and the window restarts after it. Notes get the same positions as in a full decode.
   */
  countOnly = false;
  /** True once an arena allocation (`A`) was read, by either path. */
  sawArenaAlloc = false;
  /**
   * A pass over the events of a file whose notes a scan holds already: traceback
   * definitions (the bulk of a `--sites` recording's notes) are checked as before but
   * kept as one shared placeholder each, so the ids the events name are still checked
   * against the tracebacks defined before them.
   */
  eventsOnly = false;
  /** Placeholder definitions created for ids lost with a chunk. */
  placeholders: { filenames: number; tracebacks: number } = { filenames: 0, tracebacks: 0 };
  /** The object and collector records' decoder (type names, per-chunk bases). */
  readonly model: ModelRecordDecoder = new ModelRecordDecoder();
  private readonly extensionsAllowed: boolean;
  private bytes: Uint8Array = new Uint8Array(0);
  private body: ByteReader = new ByteReader(new Uint8Array(0));
  private prev = 0;
  private readonly prevClass = new Float64Array(DELTA_CLASS_COUNT);
  private pendingMark: Omit<Mark, 'tracemalloc'> | null = null;

  /** `extensionsAllowed`: kind 15 is a record (v2) rather than an error (v1). */
  constructor(extensionsAllowed: boolean) {
    this.extensionsAllowed = extensionsAllowed;
  }

  /**
   * Decodes the records in `bytes[start, end)` and returns the events decoded.
   * @throws TraceFormatError or ByteRangeError on a malformed record; the builder
   *   then holds part of the chunk (see {@link save}/{@link restore}).
   */
  decodeChunk(bytes: Uint8Array, start: number, end: number): number {
    const before = this.builder.length;
    const body = new ByteReader(bytes, start, end);
    this.bytes = bytes;
    this.body = body;
    this.prev = 0;
    this.prevClass.fill(0);
    this.model.restart();
    while (body.offset < end) {
      // Events are nearly every record: decode runs of them in one tight loop.
      if ((bytes[body.offset]! & KIND_MASK) <= Op.free && this.pendingMark === null) {
        body.offset = this.countOnly
          ? this.countEvents(bytes, body.offset, end)
          : this.events(bytes, body.offset, end);
        if (body.offset >= end) break;
      }
      this.record();
    }
    this.closeMark();
    return this.builder.length - before;
  }

  /** The builder's state, to drop a chunk that fails half way. */
  save(): DecoderState {
    const b = this.builder;
    return {
      length: b.length,
      seq: b.seq,
      marks: b.marks.length,
      comments: b.comments.length,
      gcCollections: b.gcCollections.length,
      filenames: b.filenames.length,
      tracebacks: b.tracebacks.length,
      objectRecords: b.objectRecords.length,
      collectorRecords: b.collectorRecords.length,
      types: this.model.types.length,
      typePlaceholders: this.model.placeholders,
      placeholders: { ...this.placeholders },
      extensions: new Map([...this.extensions].map(([kind, count]) => [kind, { ...count }])),
    };
  }

  /** Returns to a state from {@link save}: everything decoded since is forgotten. */
  restore(state: DecoderState): void {
    const b = this.builder;
    b.length = state.length;
    b.seq = state.seq;
    b.marks.length = state.marks;
    b.comments.length = state.comments;
    b.gcCollections.length = state.gcCollections;
    b.filenames.length = state.filenames;
    b.tracebacks.length = state.tracebacks;
    b.objectRecords.length = state.objectRecords;
    b.collectorRecords.length = state.collectorRecords;
    this.model.types.length = state.types;
    this.model.placeholders = state.typePlaceholders;
    this.placeholders = { ...state.placeholders };
    this.extensions.clear();
    for (const [kind, count] of state.extensions) this.extensions.set(kind, count);
    this.pendingMark = null;
  }

  private record(): void {
    const at = this.body.offset;
    const tag = this.body.u8();
    const kind = tag & KIND_MASK;
    if (kind === Kind.tracemalloc) {
      if (!this.pendingMark) fail('tracemalloc statistics with no mark before them', at);
      this.closeMark(this.body.string());
      return;
    }
    this.closeMark();
    switch (kind) {
      case Kind.arenaAlloc:
      case Kind.arenaFree:
      case Kind.malloc:
      case Kind.calloc:
      case Kind.realloc:
      case Kind.free:
        this.event(tag, kind as OpCode, at);
        break;
      case Kind.mark:
        this.mark();
        break;
      case Kind.comment:
        this.builder.comments.push({ ...this.builder.position(), text: this.body.string() });
        break;
      case Kind.gc:
        this.gc();
        break;
      case Kind.filename:
        this.filename(at);
        break;
      case Kind.traceback:
        this.traceback(at);
        break;
      case Kind.extension:
        if (!this.extensionsAllowed) fail(`unknown record kind ${kind}`, at);
        this.extension(at);
        break;
      default:
        fail(`unknown record kind ${kind}`, at);
    }
  }

  /**
   * Decodes consecutive event records from `pos` (the same as {@link event}: the
   * decoder's hot loop, the cursor in a local, one-byte varints inlined, rows written
   * straight into the builder's columns) and returns where the first other record, or
   * the end, is. A record within {@link MAX_EVENT_RECORD_BYTES} of the end, an
   * over-long varint, or a site that needs checking is left to the general path by
   * returning its record's start. The `line` column is never written: a `.pmt` event
   * has no source line, and this builder's rows are zero from allocation (its rows
   * never hold anything else), so a whole-file read leaves those pages untouched.
   */
  private events(bytes: Uint8Array, pos: number, end: number): number {
    const builder = this.builder;
    const prevClass = this.prevClass;
    const tracebacks = builder.tracebacks.length;
    const safeEnd = end - MAX_EVENT_RECORD_BYTES;
    let prev = this.prev;
    let target = builder.appendTarget();
    let { op, domain, a, b, c, site } = target.columns;
    let row = target.row;
    let capacity = target.capacity;
    let p = pos;
    while (p <= safeEnd) {
      const start = p;
      const tag = bytes[p++]!;
      const kind = tag & TAG_KIND;
      if (kind > FREE) {
        p = start;
        break;
      }
      if (row === capacity) {
        // Grown only for an event that is really there (see appendTarget).
        builder.appended(row);
        target = builder.appendTarget(true);
        ({ op, domain, a, b, c, site } = target.columns);
        row = target.row;
        capacity = target.capacity;
      }
      const scale = (tag & TAG_ALIGNED) !== 0 ? ALIGNMENT : 1;
      let x = bytes[p++]!;
      if (x >= 128) {
        x = longVarint(bytes, p - 1);
        if (x < 0) {
          p = start;
          break;
        }
        p = cursor;
      }
      if (kind === FREE) {
        prev += delta(x) * scale;
        a[row] = prev;
        b[row] = 0;
        site[row] = -1;
      } else {
        // Every other kind has a second varint.
        let y = bytes[p++]!;
        if (y >= 128) {
          y = longVarint(bytes, p - 1);
          if (y < 0) {
            p = start;
            break;
          }
          p = cursor;
        }
        if (kind === MALLOC || kind === CALLOC) {
          let id = -1;
          if ((tag & TAG_SITE) !== 0) {
            id = bytes[p++]!;
            if (id >= 128) {
              id = longVarint(bytes, p - 1);
              p = cursor;
            }
            if (id < 0 || id >= tracebacks) {
              p = start;
              break;
            }
          }
          const k = x >= 1 && x <= CLASS_MAX_SIZE ? (x - 1) >> CLASS_SHIFT : CLASS_COUNT - 1;
          prev = prevClass[k]! + delta(y) * scale;
          prevClass[k] = prev;
          a[row] = x;
          b[row] = prev;
          site[row] = id;
        } else if (kind === REALLOC) {
          let z = bytes[p++]!;
          if (z >= 128) {
            z = longVarint(bytes, p - 1);
            if (z < 0) {
              p = start;
              break;
            }
            p = cursor;
          }
          let id = -1;
          if ((tag & TAG_SITE) !== 0) {
            id = bytes[p++]!;
            if (id >= 128) {
              id = longVarint(bytes, p - 1);
              p = cursor;
            }
            if (id < 0 || id >= tracebacks) {
              p = start;
              break;
            }
          }
          const old = prev + delta(x) * scale;
          prev = old + delta(z) * scale;
          a[row] = old;
          b[row] = y;
          c[row] = prev;
          site[row] = id;
          op[row] = kind;
          domain[row] = (tag >> TAG_DOMAIN_SHIFT) & 3;
          row++;
          continue;
        } else if (kind === ARENA_ALLOC) {
          prev += delta(y) * scale;
          a[row] = x;
          b[row] = prev;
          site[row] = -1;
        } else {
          prev += delta(x) * scale;
          a[row] = prev;
          b[row] = y;
          site[row] = -1;
        }
      }
      op[row] = kind;
      domain[row] = kind <= ARENA_FREE ? 0 : (tag >> TAG_DOMAIN_SHIFT) & 3;
      c[row] = 0;
      row++;
    }
    builder.appended(row);
    this.prev = prev;
    return p;
  }

  /**
   * {@link events} for a count-only decoder: walks the same records with the same
   * checks (over-long varints and undefined sites are left to the general path) and
   * advances the builder's length by the events passed, writing nothing.
   */
  private countEvents(bytes: Uint8Array, pos: number, end: number): number {
    const tracebacks = this.builder.tracebacks.length;
    const safeEnd = end - MAX_EVENT_RECORD_BYTES;
    let counted = 0;
    let arena = false;
    let p = pos;
    while (p <= safeEnd) {
      const start = p;
      const tag = bytes[p++]!;
      const kind = tag & TAG_KIND;
      if (kind > FREE) {
        p = start;
        break;
      }
      // Varints after the tag: `f` one, `A F m c` two, `r` three; `m c r` a site.
      const varints = kind === FREE ? 1 : kind === REALLOC ? 3 : 2;
      let ok = true;
      for (let v = 0; v < varints; v++) {
        if (bytes[p++]! >= 128) {
          if (longVarint(bytes, p - 1) < 0) {
            ok = false;
            break;
          }
          p = cursor;
        }
      }
      if (
        ok &&
        (tag & TAG_SITE) !== 0 &&
        (kind === MALLOC || kind === CALLOC || kind === REALLOC)
      ) {
        let id = bytes[p++]!;
        if (id >= 128) {
          id = longVarint(bytes, p - 1);
          p = cursor;
        }
        ok = id >= 0 && id < tracebacks;
      }
      if (!ok) {
        p = start;
        break;
      }
      if (kind === ARENA_ALLOC) arena = true;
      counted++;
    }
    const builder = this.builder;
    builder.length += counted;
    builder.startWindow();
    if (arena) this.sawArenaAlloc = true;
    return p;
  }

  /** Kinds 0–5: `A size addr`, `F addr size`, `m/c size ptr`, `r old size new`, `f ptr`. */
  private event(tag: number, kind: OpCode, at: number): void {
    const body = this.body;
    const aligned = (tag & ALIGNED_BIT) !== 0;
    const domain = (tag >> DOMAIN_SHIFT) & 3;
    const builder = this.builder;
    switch (kind) {
      case Op.arenaAlloc: {
        this.sawArenaAlloc = true;
        const size = body.varint();
        builder.push(Op.arenaAlloc, 0, size, this.address(aligned), 0, 0);
        return;
      }
      case Op.arenaFree: {
        const where = this.address(aligned);
        builder.push(Op.arenaFree, 0, where, body.varint(), 0, 0);
        return;
      }
      case Op.malloc:
      case Op.calloc: {
        const size = body.varint();
        const k = requestClass(size);
        const ptr =
          this.prevClass[k]! + unzigzag(body.varint()) * (aligned ? ADDRESS_ALIGNMENT : 1);
        this.prev = ptr;
        this.prevClass[k] = ptr;
        const site = tag & SITE_BIT ? this.site(at) : -1;
        builder.push(kind, domain, size, ptr, 0, 0, site);
        return;
      }
      case Op.realloc: {
        const old = this.address(aligned);
        const size = body.varint();
        const moved = this.address(aligned);
        const site = tag & SITE_BIT ? this.site(at) : -1;
        builder.push(Op.realloc, domain, old, size, moved, 0, site);
        return;
      }
      default:
        builder.push(Op.free, domain, this.address(aligned), 0, 0, 0);
    }
  }

  /** An address stored as a zigzag delta against `prev` (which it becomes). */
  private address(aligned: boolean): number {
    const value = this.prev + unzigzag(this.body.varint()) * (aligned ? ADDRESS_ALIGNMENT : 1);
    this.prev = value;
    return value;
  }

  private site(at: number): number {
    const id = this.body.varint();
    if (id >= this.builder.tracebacks.length) {
      if (!this.lossy) fail(`site names undefined traceback ${id}`, at);
      this.fillTracebacks(id + 1);
    }
    return id;
  }

  private mark(): void {
    this.pendingMark = {
      ...this.builder.position(),
      label: this.body.string(),
      stats: this.body.string(),
      line: 0,
    };
  }

  private closeMark(tracemalloc = ''): void {
    if (this.pendingMark) this.builder.marks.push({ ...this.pendingMark, tracemalloc });
    this.pendingMark = null;
  }

  private gc(): void {
    const body = this.body;
    this.builder.gcCollections.push({
      ...this.builder.position(),
      generation: body.varint(),
      collected: body.varint(),
      uncollectable: body.varint(),
      durationNs: body.varint(),
    });
  }

  private filename(at: number): void {
    const builder = this.builder;
    const id = this.body.varint();
    if (id > builder.filenames.length && this.lossy) this.fillFilenames(id);
    if (id !== builder.filenames.length) fail(`file name id ${id} out of order`, at);
    builder.filenames.push({ ...builder.position(), id, filename: this.body.string() });
  }

  private traceback(at: number): void {
    const builder = this.builder;
    const body = this.body;
    const id = body.varint();
    if (id > builder.tracebacks.length && this.lossy) this.fillTracebacks(id);
    if (id !== builder.tracebacks.length) fail(`traceback id ${id} out of order`, at);
    const totalFrames = body.varint();
    const count = body.varint();
    if (this.eventsOnly) {
      for (let k = 0; k < count; k++) {
        const filename = body.varint();
        if (filename >= builder.filenames.length) {
          if (!this.lossy) fail(`frame names undefined file id ${filename}`, at);
          this.fillFilenames(filename + 1);
        }
        body.varint();
      }
      builder.tracebacks.push(UNKEPT_TRACEBACK);
      return;
    }
    const frames = [];
    for (let k = 0; k < count; k++) {
      const filename = body.varint();
      if (filename >= builder.filenames.length) {
        if (!this.lossy) fail(`frame names undefined file id ${filename}`, at);
        this.fillFilenames(filename + 1);
      }
      frames.push({ filename, lineno: body.varint() });
    }
    builder.tracebacks.push({ ...builder.position(), id, totalFrames, frames });
  }

  /**
   * Kind 15: `varint extension kind`, `varint byteLength`, payload. Object and collector
   * records are decoded (their payload must be used up exactly), heap snapshot parts
   * assembled; other kinds are skipped and counted.
   */
  private extension(at: number): void {
    const kind = this.body.varint();
    const length = this.body.varint();
    if (length > this.body.remaining())
      fail(`extension record of ${length} bytes runs past the end of its chunk`, at);
    if (kind === ExtensionKind.objects || kind === ExtensionKind.collector) {
      const start = this.body.offset;
      const payload = new ByteReader(this.bytes, start, start + length);
      try {
        if (kind === ExtensionKind.objects) this.model.objects(payload, this.builder, this.lossy);
        else this.model.collector(payload, this.builder);
      } catch (error) {
        if (error instanceof ModelRecordError) fail(error.message, at);
        throw error;
      }
      this.body.offset = start + length;
      return;
    }
    if (kind === ExtensionKind.heapSnapshot) {
      const payload = this.body.raw(length);
      this.heapSnapshots.part(payload, 0, length, at, this.builder.position());
      return;
    }
    this.body.raw(length);
    const count = this.extensions.get(kind) ?? { records: 0, bytes: 0 };
    this.extensions.set(kind, { records: count.records + 1, bytes: count.bytes + length });
  }

  private fillFilenames(upTo: number): void {
    const builder = this.builder;
    while (builder.filenames.length < upTo) {
      builder.filenames.push({
        ...builder.position(),
        id: builder.filenames.length,
        filename: LOST_FILENAME,
      });
      this.placeholders.filenames++;
    }
  }

  private fillTracebacks(upTo: number): void {
    const builder = this.builder;
    while (builder.tracebacks.length < upTo) {
      builder.tracebacks.push({
        ...builder.position(),
        id: builder.tracebacks.length,
        totalFrames: 0,
        frames: [],
      });
      this.placeholders.tracebacks++;
    }
  }
}

/** A {@link RecordDecoder}'s state saved before a chunk (counts of everything built). */
export interface DecoderState {
  readonly length: number;
  readonly seq: number;
  readonly marks: number;
  readonly comments: number;
  readonly gcCollections: number;
  readonly filenames: number;
  readonly tracebacks: number;
  readonly objectRecords: number;
  readonly collectorRecords: number;
  readonly types: number;
  readonly typePlaceholders: number;
  readonly placeholders: { readonly filenames: number; readonly tracebacks: number };
  readonly extensions: ReadonlyMap<number, ExtensionCount>;
}
