/**
 * One traced memory block, and the sequence of them that a snapshot holds.
 *
 * Models `tracemalloc.Trace` and `tracemalloc._Traces` of Lib/tracemalloc.py. A raw trace
 * is the tuple that `_tracemalloc._get_traces()` produces:
 *
 *   CPython 3.9+:  (domain, size, frames_most_recent_first, total_nframe)
 *   CPython 3.8:   (domain, size, frames_most_recent_first)
 *
 * Both shapes are accepted (`totalNframe` absent means 3.8, or unknown). `domain` is 0
 * for Python's own allocators and the number given to `PyTraceMalloc_Track()` otherwise;
 * `size` is in bytes.
 */

import { tupleIndexError } from './errors.ts';
import { formatSize } from './format-size.ts';
import { type RawFrame, rawFramesEqual } from './frame.ts';
import { pyInt } from './py-text.ts';
import { Traceback } from './traceback.ts';

/**
 * A raw trace: `(domain, size, frames, total_nframe)` with `frames` MOST RECENT FIRST.
 * The fourth element is missing in CPython 3.8 and may be `null` in hand-built traces.
 */
export type RawTrace = readonly [
  domain: number,
  size: number,
  frames: readonly RawFrame[],
  totalNframe?: number | null,
];

/** True when two raw traces are equal as Python tuples (all elements, same length). */
export function rawTracesEqual(a: RawTrace, b: RawTrace): boolean {
  if (a.length !== b.length || a[0] !== b[0] || a[1] !== b[1] || a[3] !== b[3]) return false;
  const fa = a[2];
  const fb = b[2];
  return fa.length === fb.length && fa.every((frame, i) => rawFramesEqual(frame, fb[i]!));
}

/** A traced memory block: `tracemalloc.Trace`. Immutable. */
export class Trace {
  /** The raw tuple (CPython's `Trace._trace`). */
  readonly raw: RawTrace;

  /** @param trace The raw trace tuple, as `Trace(trace)` takes it. */
  constructor(trace: RawTrace) {
    this.raw = trace;
  }

  /** The address space: 0 for Python's allocators, else a `PyTraceMalloc_Track()` domain. */
  get domain(): number {
    return this.raw[0];
  }

  /** The block size in bytes. */
  get size(): number {
    return this.raw[1];
  }

  /** The allocation traceback (a new Traceback each time, as in CPython). */
  get traceback(): Traceback {
    return new Traceback(this.raw[2], this.raw[3] ?? null);
  }

  /** `self == other`: equal raw tuples (including `total_nframe`). */
  equals(other: Trace): boolean {
    return rawTracesEqual(this.raw, other.raw);
  }

  /**
   * `str(trace)`: `"<oldest frame>: <size>"`, e.g. `"a.py:3: 1024 B"`.
   *
   * @throws TracemallocError `IndexError` when the traceback is empty.
   */
  toString(): string {
    return `${this.traceback}: ${formatSize(this.size, false)}`;
  }

  /** `repr(trace)`: `<Trace domain=0 size=1024 B, traceback=<Traceback ...>>`. */
  repr(): string {
    return `<Trace domain=${pyInt(this.domain)} size=${formatSize(this.size, false)}, traceback=${this.traceback.repr()}>`;
  }
}

/** The traces of a snapshot: `tracemalloc._Traces`, a read-only sequence of {@link Trace}. */
export class Traces implements Iterable<Trace> {
  /** The raw trace tuples (CPython's `_Traces._traces`), in snapshot order. */
  readonly raw: readonly RawTrace[];

  /** @param traces The raw trace tuples. */
  constructor(traces: readonly RawTrace[]) {
    this.raw = traces;
  }

  /** `len(traces)`. */
  get length(): number {
    return this.raw.length;
  }

  /**
   * `traces[index]` with Python indexing (negative counts from the end).
   *
   * @throws TracemallocError `IndexError` when out of range (CPython's message for a list
   *   or tuple of traces: `list index out of range` / `tuple index out of range`; the
   *   model always uses the tuple wording).
   */
  get(index: number): Trace {
    const trace = this.raw[index < 0 ? this.raw.length + index : index];
    if (trace === undefined) throw tupleIndexError();
    return new Trace(trace);
  }

  /** `trace in traces`. */
  includes(trace: Trace): boolean {
    return this.raw.some((own) => rawTracesEqual(own, trace.raw));
  }

  /** Iterates the traces in snapshot order. */
  *[Symbol.iterator](): Iterator<Trace> {
    for (const trace of this.raw) yield new Trace(trace);
  }

  /** `self == other`: the same raw traces in the same order. */
  equals(other: Traces): boolean {
    return (
      this.raw.length === other.raw.length &&
      this.raw.every((trace, i) => rawTracesEqual(trace, other.raw[i]!))
    );
  }

  /** `repr(traces)`: `<Traces len=N>`. */
  repr(): string {
    return `<Traces len=${this.raw.length}>`;
  }
}
