/**
 * Errors of the tracemalloc model.
 *
 * Models the Python exceptions that CPython's tracemalloc raises (Lib/tracemalloc.py and
 * Python/tracemalloc.c, CPython 3.9 to 3.13): the error's `code` is the name of the Python
 * exception class and its `message` is CPython's `str(exception)` word for word, so that
 * `TracemallocError('ValueError', "unknown key_type: 'foo'")` corresponds to
 * `ValueError: unknown key_type: 'foo'`.
 */

/** The Python exception classes that the model reproduces, as `TracemallocError.code`. */
export const TracemallocErrorCode = {
  /** A bad argument value: unknown key type, cumulative with 'traceback', frame limit range. */
  valueError: 'ValueError',
  /** A frame index out of range, e.g. `str()` of an empty traceback. */
  indexError: 'IndexError',
  /** An argument of the wrong type, e.g. `filterTraces(null)`. */
  typeError: 'TypeError',
  /** A broken invariant that CPython only checks with `assert()` in debug builds. */
  assertionError: 'AssertionError',
} as const;

/** One of {@link TracemallocErrorCode}'s values: a Python exception class name. */
export type TracemallocErrorCode = (typeof TracemallocErrorCode)[keyof typeof TracemallocErrorCode];

/**
 * An error raised where CPython's tracemalloc raises one.
 *
 * `code` names the Python exception class; `message` is CPython's message, unchanged
 * (including CPython's own typos, e.g. "cannot by used").
 */
export class TracemallocError extends Error {
  /** The Python exception class name, e.g. `'ValueError'`. */
  readonly code: TracemallocErrorCode;

  /**
   * @param code The Python exception class that CPython raises here.
   * @param message CPython's exception message, verbatim.
   */
  constructor(code: TracemallocErrorCode, message: string) {
    super(message);
    this.name = 'TracemallocError';
    this.code = code;
  }
}

/** `IndexError: tuple index out of range`, raised by CPython when a frame index is out of range. */
export function tupleIndexError(): TracemallocError {
  return new TracemallocError(TracemallocErrorCode.indexError, 'tuple index out of range');
}
