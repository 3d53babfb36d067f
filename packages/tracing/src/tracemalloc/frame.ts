/**
 * One frame of an allocation traceback.
 *
 * Models `tracemalloc.Frame` of Lib/tracemalloc.py (CPython 3.8 to 3.13): a wrapper around
 * the raw `(filename, lineno)` tuple that `_tracemalloc` produces. Frames are equal when
 * both fields are equal and are ordered like the tuple: by filename (Python `str` order,
 * i.e. by code point), then by line number. `str(frame)` is `"filename:lineno"`.
 *
 * CPython records `<unknown>` with line 0 when it cannot get a frame's file name, and
 * line 0 when the line number is unknown.
 */

import { compareNumbers, comparePyStr, pyInt, pyStrRepr } from './py-text.ts';

/** A raw frame as `_tracemalloc` returns it: `(filename, lineno)`. */
export type RawFrame = readonly [filename: string, lineno: number];

/** Compares raw frames like Python compares `(filename, lineno)` tuples. */
export function compareRawFrames(a: RawFrame, b: RawFrame): number {
  return comparePyStr(a[0], b[0]) || compareNumbers(a[1], b[1]);
}

/** True when two raw frames are equal (same file name and line number). */
export function rawFramesEqual(a: RawFrame, b: RawFrame): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** A frame of a traceback: `tracemalloc.Frame`. Immutable. */
export class Frame {
  /** The raw `(filename, lineno)` tuple (CPython's `Frame._frame`). */
  readonly raw: RawFrame;

  /** @param frame The raw `(filename, lineno)` tuple, as `Frame(frame)` takes it. */
  constructor(frame: RawFrame) {
    this.raw = frame;
  }

  /** The file name (the code object's `co_filename`), or `'<unknown>'`. */
  get filename(): string {
    return this.raw[0];
  }

  /** The 1-based line number, or 0 when unknown. */
  get lineno(): number {
    return this.raw[1];
  }

  /** `self == other`: same file name and line number. */
  equals(other: Frame): boolean {
    return rawFramesEqual(this.raw, other.raw);
  }

  /** Python ordering (`<`, via `functools.total_ordering`): negative, 0 or positive. */
  compareTo(other: Frame): number {
    return compareRawFrames(this.raw, other.raw);
  }

  /** `str(frame)`: `"filename:lineno"`. */
  toString(): string {
    return `${this.filename}:${pyInt(this.lineno)}`;
  }

  /** `repr(frame)`: `<Frame filename='a.py' lineno=3>`. */
  repr(): string {
    return `<Frame filename=${pyStrRepr(this.filename)} lineno=${pyInt(this.lineno)}>`;
  }
}
