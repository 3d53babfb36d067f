/**
 * The traceback of an allocation: a sequence of frames.
 *
 * Models `tracemalloc.Traceback` of Lib/tracemalloc.py (CPython 3.9 to 3.13; 3.7+ for the
 * frame order). `_tracemalloc` hands over the raw frames *most recent first*; the
 * Traceback stores and exposes them *oldest first* (index 0 is the outermost caller,
 * index -1 the allocation site). Consequences, all as in CPython:
 *
 *   - `str(traceback)` is `str(traceback[0])`: the OLDEST frame, not the allocation
 *     site. It raises `IndexError` for an empty traceback.
 *   - Equality and ordering compare the oldest-first tuple of `(filename, lineno)`
 *     tuples (Python tuple order: element by element, then a shorter prefix first);
 *     `total_nframe` takes no part in either.
 *   - `format(limit)` keeps the `limit` most recent frames for `limit > 0`; for
 *     `limit <= 0` it takes `self[:limit]`, i.e. it DROPS the `abs(limit)` most recent
 *     frames (the documentation says "the abs(limit) oldest frames"; the code, which
 *     this model follows, does not do that), and `limit == 0` gives no frames at all.
 *
 * `total_nframe` (3.9+) is the number of frames the stack had when the block was
 * allocated, before truncation to the traceback limit (capped at 65535), or `null` when
 * unknown (a Traceback built by hand). CPython 3.8 has no `total_nframe` and its repr has
 * no ` total_nframe=` part.
 *
 * `format()` cannot read source lines: Python's `linecache` does not exist here (this
 * package runs in the browser). Pass a `getline` callback to get CPython's extra
 * `    <source line>` lines.
 */

import { TracemallocError, TracemallocErrorCode, tupleIndexError } from './errors.ts';
import { compareRawFrames, Frame, type RawFrame, rawFramesEqual } from './frame.ts';
import { pyInt, pyStrip, pyTypeName } from './py-text.ts';

/**
 * Reads a source line like `linecache.getline(filename, lineno)`: the line's text, or
 * `''` when the file or line does not exist.
 */
export type GetLine = (filename: string, lineno: number) => string;

/** A traceback: `tracemalloc.Traceback`. Immutable; iterates frames oldest first. */
export class Traceback implements Iterable<Frame> {
  readonly #frames: readonly RawFrame[];
  #key: string | undefined;
  /** Frames in the stack at allocation time (3.9+), or `null` when unknown. */
  readonly totalNframe: number | null;

  /**
   * @param frames Raw frames MOST RECENT FIRST, as `_tracemalloc` returns them.
   * @param totalNframe `total_nframe`, or `null` (the default) when unknown.
   */
  constructor(frames: readonly RawFrame[], totalNframe: number | null = null) {
    this.#frames = [...frames].reverse();
    this.totalNframe = totalNframe;
  }

  /** `len(traceback)`: the number of stored frames (at most the traceback limit). */
  get length(): number {
    return this.#frames.length;
  }

  /** The raw frames OLDEST first (CPython's `Traceback._frames`). */
  get rawFrames(): readonly RawFrame[] {
    return this.#frames;
  }

  /** The frames OLDEST first. */
  get frames(): readonly Frame[] {
    return this.#frames.map((frame) => new Frame(frame));
  }

  /**
   * A string that is equal for two tracebacks exactly when they are `==` in Python
   * (same frames in the same order; `totalNframe` ignored). Used as a Map key.
   */
  get key(): string {
    this.#key ??= JSON.stringify(this.#frames);
    return this.#key;
  }

  /**
   * `traceback[index]` with Python indexing: negative indexes count from the most recent
   * frame (`-1` is the allocation site).
   *
   * @throws TracemallocError `IndexError: tuple index out of range`, or `TypeError` for a
   *   non-integral index.
   */
  get(index: number): Frame {
    if (!Number.isInteger(index)) {
      throw new TracemallocError(
        TracemallocErrorCode.typeError,
        `tuple indices must be integers or slices, not ${pyTypeName(index)}`,
      );
    }
    const frame = this.#frames[index < 0 ? this.#frames.length + index : index];
    if (frame === undefined) throw tupleIndexError();
    return new Frame(frame);
  }

  /** Like {@link get} but returns `undefined` instead of throwing. */
  at(index: number): Frame | undefined {
    const frame = this.#frames.at(index);
    return frame === undefined ? undefined : new Frame(frame);
  }

  /** `traceback[start:end]` (oldest first; negative bounds count from the end). */
  slice(start?: number, end?: number): Frame[] {
    return this.#frames.slice(start, end).map((frame) => new Frame(frame));
  }

  /** `frame in traceback`. */
  includes(frame: Frame): boolean {
    return this.#frames.some((own) => rawFramesEqual(own, frame.raw));
  }

  /** Iterates the frames oldest first. */
  *[Symbol.iterator](): Iterator<Frame> {
    for (const frame of this.#frames) yield new Frame(frame);
  }

  /** `self == other`: the same frames in the same order (`totalNframe` ignored). */
  equals(other: Traceback): boolean {
    return this.key === other.key;
  }

  /**
   * Python ordering: compares the oldest-first frame tuples element by element; a
   * traceback that is a prefix of another is smaller. Returns negative, 0 or positive.
   */
  compareTo(other: Traceback): number {
    return compareRawFrameLists(this.#frames, other.#frames);
  }

  /**
   * `str(traceback)`: `str(traceback[0])`, the OLDEST frame, e.g. `"main.py:10"`.
   *
   * @throws TracemallocError `IndexError: tuple index out of range` when empty.
   */
  toString(): string {
    return this.get(0).toString();
  }

  /**
   * `repr(traceback)`: `<Traceback (<Frame ...>, ...) total_nframe=N>` (3.9+), without the
   * `total_nframe` part when it is unknown (always so in 3.8).
   */
  repr(): string {
    const items = this.#frames.map((frame) => new Frame(frame).repr());
    const tuple = items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
    const total = this.totalNframe === null ? '' : ` total_nframe=${pyInt(this.totalNframe)}`;
    return `<Traceback ${tuple}${total}>`;
  }

  /**
   * `traceback.format(limit, most_recent_first)`: one `  File "name", line N` line per
   * frame, oldest first unless `mostRecentFirst`.
   *
   * @param limit `null`: all frames; `> 0`: the `limit` most recent frames; `<= 0`:
   *   `self[:limit]`, every frame except the `abs(limit)` most recent ones (none for 0).
   * @param mostRecentFirst List the allocation site first.
   * @param getline Stands in for `linecache.getline`; when it returns a non-blank line,
   *   `    <stripped line>` follows the frame's line, as in CPython. Without it no source
   *   lines are produced (CPython's output for files it cannot read).
   */
  format(limit: number | null = null, mostRecentFirst = false, getline?: GetLine): string[] {
    let selected: readonly RawFrame[];
    if (limit === null) selected = this.#frames;
    else if (limit > 0) selected = this.#frames.slice(-limit);
    else selected = this.#frames.slice(0, limit);
    if (mostRecentFirst) selected = [...selected].reverse();
    const lines: string[] = [];
    for (const [filename, lineno] of selected) {
      lines.push(`  File "${filename}", line ${pyInt(lineno)}`);
      const source = getline === undefined ? '' : pyStrip(getline(filename, lineno));
      if (source !== '') lines.push(`    ${source}`);
    }
    return lines;
  }
}

/** Python tuple ordering of two frame lists (element by element, then length). */
export function compareRawFrameLists(a: readonly RawFrame[], b: readonly RawFrame[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const order = compareRawFrames(a[i]!, b[i]!);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}
