/**
 * A recording held in memory: the allocator events of one CPython process, in order,
 * as columns of typed arrays (one row per event), plus the notes between events
 * (marks, GC collections, comments, allocation-site definitions).
 *
 *   row i:  op[i]  domain[i]  a[i]  b[i]  c[i]  site[i]  line[i]
 *   ─────────────────────────────────────────────────────────────────────────────
 *   arena-alloc  ─          size   address  ─       -1      A <size> <addr>
 *   arena-free   ─          addr   size     ─       -1      F <addr> <size>
 *   malloc       dom        size   result   ─       tb|-1   m <dom> <size> <ptr> [@tb]
 *   calloc       dom        size   result   ─       tb|-1   c <dom> <size> <ptr> [@tb]
 *   realloc      dom        ptr    size     result  tb|-1   r <dom> <old> <size> <new> [@tb]
 *   free         dom        ptr    ─        ─       -1      f <dom> <ptr>
 *
 * Object and collector records (model-records.ts) are notes too.
 * A note sits *between* events: `eventIndex` is the number of events before it;
 * `seq` orders notes that share an eventIndex, so files round-trip exactly.
 * Addresses are numbers; every user-space address (< 2**47) is exact.
 *
 * Invariants:
 *   1. All columns have `length` meaningful rows; every note list is sorted by
 *      (eventIndex, seq).
 *   2. `filenames[k].id === k` and `tracebacks[k].id === k` (ids are dense, in order
 *      of definition); a site or frame refers only to an id defined before it.
 *   3. `line[i]` is the 1-based source line of event i (0 when not from text).
 */

import type { HeapSnapshot } from './heap-snapshot.ts';
import type { CollectorRecord, ObjectRecord } from './model-records.ts';

/** Event operation codes (`op` column). */
export const Op = {
  arenaAlloc: 0,
  arenaFree: 1,
  malloc: 2,
  calloc: 3,
  realloc: 4,
  free: 5,
} as const;
/** One of {@link Op}'s values. */
export type OpCode = (typeof Op)[keyof typeof Op];

/** PEP 445 domains (`domain` column), numbered as `PYMEM_DOMAIN_*`. */
export const Domain = { raw: 0, mem: 1, obj: 2 } as const;
/** One of {@link Domain}'s values. */
export type DomainCode = (typeof Domain)[keyof typeof Domain];
/** Domain names in code order. */
export const DOMAIN_NAMES: readonly ['raw', 'mem', 'obj'] = ['raw', 'mem', 'obj'];

/** Where a note sits in the event stream. */
export interface NotePosition {
  /** Events before the note. */
  readonly eventIndex: number;
  /** Order among all notes (ties at one eventIndex keep their order). */
  readonly seq: number;
}

/** A point in the recording where CPython's own statistics were captured. */
export interface Mark extends NotePosition {
  /** The label given to `pymem_record.mark()`, or '' for none. */
  readonly label: string;
  /** CPython's pymalloc statistics text at that instant, each line ending in `\n`; '' if none. */
  readonly stats: string;
  /** tracemalloc's `statistics('lineno')` at that instant, a line per statistic; '' if none. */
  readonly tracemalloc: string;
  /** Source line of the `S` record (0 when not from text). */
  readonly line: number;
}

/** A `# …` comment line, kept so that text round-trips byte for byte. */
export interface TraceComment extends NotePosition {
  /** The text after `#` (including a leading space if there was one). */
  readonly text: string;
}

/** One collection of the cyclic GC, as `gc.callbacks` reported it. */
export interface GcCollection extends NotePosition {
  /** Generation collected (0, 1 or 2). */
  readonly generation: number;
  /** Objects collected. */
  readonly collected: number;
  /** Objects found uncollectable. */
  readonly uncollectable: number;
  /** Wall time of the collection in nanoseconds. */
  readonly durationNs: number;
}

/** An interned source file name of allocation sites. */
export interface FilenameDefinition extends NotePosition {
  /** Dense id (its index in `Trace.filenames`). */
  readonly id: number;
  /** The file name as Python reported it. */
  readonly filename: string;
}

/** One frame of an allocation site. */
export interface SiteFrame {
  /** Id of the file name. */
  readonly filename: number;
  /** Line number. */
  readonly lineno: number;
}

/** An interned traceback: the frames of an allocation site, most recent first. */
export interface TracebackDefinition extends NotePosition {
  /** Dense id (its index in `Trace.tracebacks`). */
  readonly id: number;
  /** How many frames the Python stack really had (tracemalloc's `total_nframe`). */
  readonly totalFrames: number;
  /** The frames kept, most recent first. */
  readonly frames: readonly SiteFrame[];
}

/** The header of a recording. */
export interface TraceHeader {
  /** Trace format version (1). */
  readonly formatVersion: number;
  /** CPython version that produced it, e.g. `'3.11.7'`. */
  readonly python: string;
  /** Recorder metadata (binary files: argv, hash seed, start time …); `{}` for text. */
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** The columns of consecutive events (a whole {@link Trace}'s, or one chunk's). */
export interface EventColumns {
  readonly op: Uint8Array;
  readonly domain: Uint8Array;
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly c: Float64Array;
  /** Traceback id of each event's allocation site, or -1. */
  readonly site: Int32Array;
  readonly line: Uint32Array;
}

/** Consecutive events of a recording: row k of `columns` is event `firstEvent + k`. */
export interface EventWindow {
  readonly firstEvent: number;
  /** Rows of `columns` that hold events (the arrays may be longer). */
  readonly length: number;
  readonly columns: EventColumns;
}

/** A whole recording: header, event columns and notes. */
export interface Trace extends EventColumns {
  readonly header: TraceHeader;
  /** Number of events. */
  readonly length: number;
  readonly marks: readonly Mark[];
  readonly comments: readonly TraceComment[];
  readonly gcCollections: readonly GcCollection[];
  readonly filenames: readonly FilenameDefinition[];
  readonly tracebacks: readonly TracebackDefinition[];
  /** What the object heap did (model runs; empty for a recording of CPython). */
  readonly objectRecords: readonly ObjectRecord[];
  /** What the cycle collector did, phase by phase (model runs). */
  readonly collectorRecords: readonly CollectorRecord[];
  /** Heap snapshots (`.pmt` only), in stream order; absent or empty when none was taken. */
  readonly heapSnapshots?: readonly HeapSnapshot[];
}

/** Where a decoder appends rows directly (see {@link TraceBuilder.appendTarget}). */
export interface AppendTarget {
  readonly columns: EventColumns;
  /** The row of the next event. */
  readonly row: number;
  /** Rows the columns hold (> row). */
  readonly capacity: number;
}

/** A recording's header, length and notes: all of a {@link Trace} but its event columns. */
export type TraceNotes = Omit<Trace, keyof EventColumns>;

/**
 * Growable columns and note lists used while a trace is read or recorded.
 * Call {@link TraceBuilder.finish} once to get the {@link Trace}; the builder must
 * not be used after (the trace may share its columns).
 *
 * A streaming reader keeps one chunk of events at a time instead: after
 * {@link TraceBuilder.startWindow} the columns hold only the events pushed since
 * (row k is event `windowStart + k`), while `length` and every note position stay
 * counted from the start of the recording. Invariant: windowStart ≤ length and
 * length − windowStart ≤ capacity.
 */
export class TraceBuilder {
  private capacity = 1024;
  /** Events so far. */
  length = 0;
  /** The event held in row 0 of the columns (0 unless windowed). */
  private windowStart = 0;
  private op = new Uint8Array(this.capacity);
  private domain = new Uint8Array(this.capacity);
  private a = new Float64Array(this.capacity);
  private b = new Float64Array(this.capacity);
  private c = new Float64Array(this.capacity);
  private site = new Int32Array(this.capacity);
  private line = new Uint32Array(this.capacity);
  /** Next note sequence number. */
  seq = 0;
  readonly marks: Mark[] = [];
  readonly comments: TraceComment[] = [];
  readonly gcCollections: GcCollection[] = [];
  readonly filenames: FilenameDefinition[] = [];
  readonly tracebacks: TracebackDefinition[] = [];
  readonly objectRecords: ObjectRecord[] = [];
  readonly collectorRecords: CollectorRecord[] = [];
  /** Heap snapshots, in stream order. */
  readonly heapSnapshots: HeapSnapshot[] = [];

  /** Appends one event. */
  push(op: OpCode, domain: number, a: number, b: number, c: number, line: number, site = -1): void {
    if (this.length - this.windowStart === this.capacity) this.grow();
    const i = this.length++ - this.windowStart;
    this.op[i] = op;
    this.domain[i] = domain;
    this.a[i] = a;
    this.b[i] = b;
    this.c[i] = c;
    this.site[i] = site;
    this.line[i] = line;
  }

  /**
   * For a decoder's hot loop, which writes rows itself instead of calling
   * {@link push}: the columns, the row of the next event and the rows the columns
   * hold. With `grow`, at least one row is free; without, the columns may be full
   * (`row === capacity`): a full builder is grown only when a row is really needed,
   * so a reader that reserved the exact total never copies its columns.
   * Valid until the next push, grow or {@link appended}.
   */
  appendTarget(grow = false): AppendTarget {
    if (grow && this.length - this.windowStart === this.capacity) this.grow();
    const { op, domain, a, b, c, site, line } = this;
    return {
      columns: { op, domain, a, b, c, site, line },
      row: this.length - this.windowStart,
      capacity: this.capacity,
    };
  }

  /** After writing rows through {@link appendTarget}: the next event goes to row `row`. */
  appended(row: number): void {
    this.length = this.windowStart + row;
  }

  /** The position of a note added now. */
  position(): NotePosition {
    return { eventIndex: this.length, seq: this.seq++ };
  }

  /**
   * Makes room for `events` more events at once (a reader that knows the total calls
   * this first, so the columns never grow and {@link finish} need not copy them).
   */
  reserve(events: number): void {
    const needed = this.length - this.windowStart + events;
    if (needed > this.capacity) this.grow(needed);
  }

  private grow(capacity: number = this.capacity * 2): void {
    this.capacity = capacity;
    const resize = <T extends Uint8Array | Float64Array | Uint32Array | Int32Array>(old: T): T => {
      const next = new (old.constructor as { new (n: number): T })(this.capacity);
      next.set(old);
      return next;
    };
    this.op = resize(this.op);
    this.domain = resize(this.domain);
    this.a = resize(this.a);
    this.b = resize(this.b);
    this.c = resize(this.c);
    this.site = resize(this.site);
    this.line = resize(this.line);
  }

  /**
   * The events pushed since the window started (since the start when never windowed),
   * sharing the builder's columns: valid until the next push after {@link startWindow}.
   */
  window(): EventWindow {
    const { op, domain, a, b, c, site, line } = this;
    return {
      firstEvent: this.windowStart,
      length: this.length - this.windowStart,
      columns: { op, domain, a, b, c, site, line },
    };
  }

  /** Forgets the events pushed so far (not their count, nor any note): the next push goes to row 0. */
  startWindow(): void {
    this.windowStart = this.length;
  }

  /** The header, length and notes so far, without columns (a windowed builder's trace). */
  notes(header: TraceHeader): TraceNotes {
    return {
      header,
      length: this.length,
      marks: this.marks,
      comments: this.comments,
      gcCollections: this.gcCollections,
      filenames: this.filenames,
      tracebacks: this.tracebacks,
      objectRecords: this.objectRecords,
      collectorRecords: this.collectorRecords,
      heapSnapshots: this.heapSnapshots,
    };
  }

  /**
   * Freezes the columns into a {@link Trace} (trimmed to `length`).
   * @throws Error for a windowed builder, whose columns do not hold every event.
   */
  finish(header: TraceHeader): Trace {
    if (this.windowStart !== 0) throw new Error('finish(): the builder holds a window of events');
    const n = this.length;
    // Exactly full (a reader that reserved the total): hand the columns over as they are.
    const trim = <T extends Uint8Array | Float64Array | Uint32Array | Int32Array>(column: T): T =>
      (n === this.capacity ? column : column.slice(0, n)) as T;
    return {
      header,
      length: n,
      op: trim(this.op),
      domain: trim(this.domain),
      a: trim(this.a),
      b: trim(this.b),
      c: trim(this.c),
      site: trim(this.site),
      line: trim(this.line),
      marks: this.marks,
      comments: this.comments,
      gcCollections: this.gcCollections,
      filenames: this.filenames,
      tracebacks: this.tracebacks,
      objectRecords: this.objectRecords,
      collectorRecords: this.collectorRecords,
      heapSnapshots: this.heapSnapshots,
    };
  }
}
