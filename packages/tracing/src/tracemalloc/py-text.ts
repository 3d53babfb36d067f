/**
 * Python's text conventions that tracemalloc's output depends on.
 *
 * Models, for the values tracemalloc handles (CPython 3.8 to 3.13):
 *   - `str` ordering (`<` on str compares code points, not UTF-16 code units),
 *   - `repr()` of a str (quote choice, escapes, `str.isprintable()`),
 *   - printf-style `'%.Nf'` / `'%+.Nf'` of a float (exact, round-half-even on the
 *     binary value, as Python's `PyOS_double_to_string` does),
 *   - `'%i'` / `'%+i'` of an int,
 *   - `str.strip()` with no argument (Python's whitespace set).
 *
 * These are the building blocks of `str()`/`repr()` of Lib/tracemalloc.py's classes.
 */

/** True for a UTF-16 high (leading) surrogate code unit. */
function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

/**
 * Compares two strings the way Python compares `str` values: by code point.
 *
 * JavaScript's `<` compares UTF-16 code units, which puts U+10000..U+10FFFF (surrogate
 * pairs) *before* U+E000..U+FFFF; Python puts them after. A lone surrogate counts as
 * its own code point, as in Python.
 *
 * @returns negative if `a < b`, 0 if equal, positive if `a > b`.
 */
export function comparePyStr(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) {
      // Step back to the start of a surrogate pair so that whole code points are compared.
      const at = i > 0 && isHighSurrogate(a.charCodeAt(i - 1)) ? i - 1 : i;
      const pa = a.codePointAt(at) ?? 0;
      const pb = b.codePointAt(at) ?? 0;
      return pa < pb ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** Compares two numbers; NaN is not expected (sizes, counts and line numbers are integers). */
export function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// `str.isprintable()` is false for the Unicode categories "Other" (Cc, Cf, Cs, Co, Cn) and
// "Separator" (Zs, Zl, Zp), except for the ASCII space. The Unicode version is the JS
// engine's, which may differ from the Python build's for newly assigned characters.
const NON_PRINTABLE = /^[\p{C}\p{Z}]$/u;

function hex(cp: number, width: number): string {
  return cp.toString(16).padStart(width, '0');
}

/**
 * `repr(s)` for a Python `str`: single quotes unless the text contains `'` and no `"`;
 * backslash, the quote, `\t`, `\n`, `\r` escaped; other non-printable characters as
 * `\xhh`, `\uhhhh` or `\Uhhhhhhhh`.
 */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x7f) out += ch;
    else if (!NON_PRINTABLE.test(ch)) out += ch;
    else if (cp <= 0xff) out += `\\x${hex(cp, 2)}`;
    else if (cp <= 0xffff) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return out + quote;
}

/**
 * `repr(value)` for the few kinds of value that reach tracemalloc's error messages:
 * str, int, float, bool and None (`null`/`undefined`). Anything else falls back to
 * `String(value)`.
 */
export function pyValueRepr(value: unknown): string {
  if (typeof value === 'string') return pyStrRepr(value);
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return pyInt(value);
    if (Number.isNaN(value)) return 'nan';
    if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
    return String(value);
  }
  return String(value);
}

/**
 * The Python type name of a JavaScript value, as `type(x).__name__` would read for the
 * corresponding Python value (`null` → `'NoneType'`, integer → `'int'`, ...).
 */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    case 'string':
      return 'str';
    case 'function':
      return 'function';
    default: {
      const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
      return typeof name === 'string' && name !== '' ? name : 'object';
    }
  }
}

/** `'%i' % n` for an integral number: all digits, never exponent notation. */
export function pyInt(n: number): string {
  return Math.abs(n) < 1e21 ? String(n === 0 ? 0 : n) : BigInt(n).toString();
}

/** `'%+i' % n`: like {@link pyInt} with a `+` on zero and positive values. */
export function pySignedInt(n: number): string {
  const text = pyInt(n);
  return n < 0 ? text : `+${text}`;
}

/** Splits a finite double into `mantissa * 2**exponent` with an integral mantissa ≥ 0. */
function decompose(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return { mantissa, exponent: -1074 };
  mantissa |= 1n << 52n;
  return { mantissa, exponent: biased - 1075 };
}

/**
 * `'%.{digits}f' % x` (or `'%+.{digits}f'` when `sign`), exactly as CPython prints it.
 *
 * The decimal is computed from the exact binary value of `x` and rounded half to even,
 * so `2.5` gives `'2'`, `0.25` with one digit gives `'0.2'` (JavaScript's `toFixed`
 * rounds such ties away from zero). Negative values, including `-0` and values that
 * round to zero, keep their `-`. Infinities and NaN print as `inf`, `-inf`, `nan`.
 *
 * @param digits Digits after the decimal point (a small non-negative integer).
 */
export function formatFixed(x: number, digits: number, sign: boolean): string {
  const negative = x < 0 || Object.is(x, -0);
  const prefix = negative ? '-' : sign ? '+' : '';
  if (Number.isNaN(x)) return `${sign ? '+' : ''}nan`;
  if (!Number.isFinite(x)) return `${prefix}inf`;
  const { mantissa, exponent } = decompose(x);
  const scale = 10n ** BigInt(digits);
  let units: bigint;
  if (exponent >= 0) {
    units = (mantissa * scale) << BigInt(exponent);
  } else {
    const numerator = mantissa * scale;
    const denominator = 1n << BigInt(-exponent);
    units = numerator / denominator;
    const twice = (numerator % denominator) * 2n;
    if (twice > denominator || (twice === denominator && units % 2n === 1n)) units += 1n;
  }
  let text = units.toString();
  if (digits > 0) {
    text = text.padStart(digits + 1, '0');
    text = `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  }
  return prefix + text;
}

// The characters for which Python's `str.isspace()` is true.
const PY_WHITESPACE = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001,
  0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f,
  0x205f, 0x3000,
]);

/** `s.strip()`: removes Python whitespace (not JavaScript's `trim()` set) from both ends. */
export function pyStrip(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && PY_WHITESPACE.has(s.charCodeAt(start))) start++;
  while (end > start && PY_WHITESPACE.has(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}
