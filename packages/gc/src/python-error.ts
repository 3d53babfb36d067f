/**
 * The Python exceptions the `gc` module raises, with CPython's exact messages per
 * version, and the int conversion `gc` functions apply to their arguments.
 *
 * Models `PyArg_ParseTuple(..., "i", ...)` and Argument Clinic's `int` converter
 * (`_PyLong_AsInt`) as reached from `gc.collect`, `gc.set_threshold`, `gc.set_debug`
 * and `gc.get_objects` (Modules/gcmodule.c + clinic, 3.8–3.14); messages checked
 * against live interpreters by tests/gc.live.test.ts.
 */
import type { IntConversionStyle } from './constants.ts';

/** A Python exception type the gc module raises. */
export type PythonExceptionType = 'ValueError' | 'TypeError' | 'OverflowError' | 'AttributeError';

/** A Python exception, as CPython would raise it: `pythonType` and `message` match `str(e)`. */
export class PythonError extends Error {
  /** Stable error code. */
  readonly code = 'python-error' as const;
  /** The exception's class name, e.g. `'ValueError'`. */
  readonly pythonType: PythonExceptionType;

  constructor(pythonType: PythonExceptionType, message: string) {
    super(message);
    this.name = pythonType;
    this.pythonType = pythonType;
  }
}

const INT_MAX = 2 ** 31 - 1;
const INT_MIN = -(2 ** 31);

/** How an out-of-range value is reported: `"i"` in PyArg_ParseTuple, or `_PyLong_AsInt`. */
export type IntConverter = 'parse-tuple' | 'as-int';

/**
 * Converts a JS number (or bigint) passed as a Python `int` argument to a C `int`, or
 * throws the TypeError (float: version-dependent wording) / OverflowError CPython
 * raises. Booleans are ints in Python and convert to 0/1.
 */
export function toCInt(
  value: number | bigint | boolean,
  style: IntConversionStyle,
  converter: IntConverter,
): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' && !Number.isInteger(value)) {
    throw new PythonError(
      'TypeError',
      style === 'legacy'
        ? 'integer argument expected, got float'
        : "'float' object cannot be interpreted as an integer",
    );
  }
  const big = typeof value === 'bigint' ? value : BigInt(value);
  if (big > BigInt(INT_MAX) || big < BigInt(INT_MIN)) {
    if (converter === 'as-int')
      throw new PythonError('OverflowError', 'Python int too large to convert to C int');
    // "i" reads a C long first (PyLong_AsLong), so beyond 64 bits the long overflows.
    if (big >= 2n ** 63n || big < -(2n ** 63n))
      throw new PythonError('OverflowError', 'Python int too large to convert to C long');
    throw new PythonError(
      'OverflowError',
      big > 0n ? 'signed integer is greater than maximum' : 'signed integer is less than minimum',
    );
  }
  return Number(big);
}
