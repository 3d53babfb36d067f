/**
 * A recording held in memory: the allocator events of one CPython process, in order,
 * as columns of typed arrays (one row per event), plus its marks.
 *
 *   row i:  op[i]  domain[i]  a[i]  b[i]  c[i]  line[i]
 *   ─────────────────────────────────────────────────────────────────────────
 *   arena-alloc  ─          size   address  ─        A <size> <addr>
 *   arena-free   ─          addr   size     ─        F <addr> <size>
 *   malloc       dom        size   result   ─        m <dom> <size> <ptr>
 *   calloc       dom        size   result   ─        c <dom> <size> <ptr>
 *   realloc      dom        ptr    size     result   r <dom> <old> <size> <new>
 *   free         dom        ptr    ─        ─        f <dom> <ptr>
 *
 * A mark sits *between* events: `eventIndex` is the number of events before it.
 * Addresses are numbers; every user-space address (< 2**47) is exact.
 *
 * Invariants:
 *   1. All columns have `length` meaningful rows; marks are sorted by eventIndex.
 *   2. `line[i]` is the 1-based source line of event i (0 when not from text).
 */

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

/** A point in the recording where CPython's own statistics were captured. */
export interface Mark {
  /** Events before the mark. */
  readonly eventIndex: number;
  /** The label given to `pymem_record.mark()`, or '' for none. */
  readonly label: string;
  /** CPython's pymalloc statistics text at that instant, each line ending in `\n`; '' if none. */
  readonly stats: string;
  /** Source line of the `S` record (0 when not from text). */
  readonly line: number;
  /** Order among all marks and comments (ties at one eventIndex keep their order). */
  readonly seq: number;
}

/** A `# …` comment line, kept so that text round-trips byte for byte. */
export interface TraceComment {
  /** Events before the comment. */
  readonly eventIndex: number;
  /** The text after `#` (including a leading space if there was one). */
  readonly text: string;
  /** Order among all marks and comments. */
  readonly seq: number;
}

/** The header of a recording. */
export interface TraceHeader {
  /** Trace format version (1). */
  readonly formatVersion: number;
  /** CPython version that produced it, e.g. `'3.11.7'`. */
  readonly python: string;
  /** Comment lines in order. */
  readonly comments: readonly TraceComment[];
}

/** A whole recording: header, event columns and marks. */
export interface Trace {
  readonly header: TraceHeader;
  /** Number of events. */
  readonly length: number;
  readonly op: Uint8Array;
  readonly domain: Uint8Array;
  readonly a: Float64Array;
  readonly b: Float64Array;
  readonly c: Float64Array;
  readonly line: Uint32Array;
  readonly marks: readonly Mark[];
}

/**
 * Growable columns used while a trace is being read or recorded.
 * Call {@link TraceBuilder.finish} once to get the {@link Trace}.
 */
export class TraceBuilder {
  private capacity = 1024;
  /** Events so far. */
  length = 0;
  private op = new Uint8Array(this.capacity);
  private domain = new Uint8Array(this.capacity);
  private a = new Float64Array(this.capacity);
  private b = new Float64Array(this.capacity);
  private c = new Float64Array(this.capacity);
  private line = new Uint32Array(this.capacity);
  /** Marks so far. */
  readonly marks: Mark[] = [];
  /** Comments so far. */
  readonly comments: TraceComment[] = [];

  /** Appends one event. */
  push(op: OpCode, domain: number, a: number, b: number, c: number, line: number): void {
    if (this.length === this.capacity) this.grow();
    const i = this.length++;
    this.op[i] = op;
    this.domain[i] = domain;
    this.a[i] = a;
    this.b[i] = b;
    this.c[i] = c;
    this.line[i] = line;
  }

  private grow(): void {
    this.capacity *= 2;
    const resize = <T extends Uint8Array | Float64Array | Uint32Array>(old: T): T => {
      const next = new (old.constructor as { new (n: number): T })(this.capacity);
      next.set(old);
      return next;
    };
    this.op = resize(this.op);
    this.domain = resize(this.domain);
    this.a = resize(this.a);
    this.b = resize(this.b);
    this.c = resize(this.c);
    this.line = resize(this.line);
  }

  /** Freezes the columns into a {@link Trace} (trimmed to `length`). */
  finish(header: Omit<TraceHeader, 'comments'>): Trace {
    const n = this.length;
    return {
      header: { ...header, comments: this.comments },
      length: n,
      op: this.op.slice(0, n),
      domain: this.domain.slice(0, n),
      a: this.a.slice(0, n),
      b: this.b.slice(0, n),
      c: this.c.slice(0, n),
      line: this.line.slice(0, n),
      marks: this.marks,
    };
  }
}
