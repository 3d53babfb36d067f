/**
 * The text of `format(value, spec)` for ints, floats and strs: the format-spec
 * mini-language of CPython's Python/formatter_unicode.c (parse_internal_render_format_spec,
 * format_long_internal, format_float_internal, format_string_internal; 3.8–3.14), and
 * the float digits of Python/pystrtod.c's PyOS_double_to_string — correctly rounded,
 * ties to even, computed here from the double's exact binary value.
 *
 * Invariant: a spec this file cannot vouch for (a ValueError CPython would raise, the
 * locale-dependent `n`, the 3.11+ `z` option, `0` on a str whose meaning changed in 3.10)
 * is Unsupported, never a different text.
 */
import { Unsupported } from './errors.ts';
import { floatRepr } from './values.ts';

/** A parsed format spec: `[[fill]align][sign][#][0][width][grouping][.precision][type]`. */
export interface FormatSpec {
  fill: string;
  align: '' | '<' | '>' | '^' | '=';
  sign: '' | '+' | '-' | ' ';
  alternate: boolean;
  zero: boolean;
  width: number;
  grouping: '' | ',' | '_';
  precision: number;
  type: string;
}

/** Parses a spec; Unsupported for what CPython would reject or this model does not cover. */
export function parseFormatSpec(spec: string): FormatSpec {
  const chars = [...spec];
  let at = 0;
  const out: FormatSpec = {
    fill: ' ',
    align: '',
    sign: '',
    alternate: false,
    zero: false,
    width: -1,
    grouping: '',
    precision: -1,
    type: '',
  };
  const isAlign = (c: string | undefined): boolean =>
    c === '<' || c === '>' || c === '^' || c === '=';
  let fillGiven = false;
  if (chars.length >= 2 && isAlign(chars[1])) {
    out.fill = chars[0]!;
    out.align = chars[1] as FormatSpec['align'];
    fillGiven = true;
    at = 2;
  } else if (isAlign(chars[0])) {
    out.align = chars[0] as FormatSpec['align'];
    at = 1;
  }
  if (chars[at] === '+' || chars[at] === '-' || chars[at] === ' ')
    out.sign = chars[at++] as FormatSpec['sign'];
  if (chars[at] === 'z') throw new Unsupported("the 'z' format option");
  if (chars[at] === '#') {
    out.alternate = true;
    at++;
  }
  if (!fillGiven && chars[at] === '0') {
    out.zero = true;
    at++;
  }
  const digits = (): number => {
    let text = '';
    while (at < chars.length && /[0-9]/.test(chars[at]!)) text += chars[at++];
    if (text.length > 9) throw new Unsupported('a format width or precision this large');
    return text === '' ? -1 : Number(text);
  };
  out.width = digits();
  if (chars[at] === ',' || chars[at] === '_') out.grouping = chars[at++] as ',' | '_';
  if (chars[at] === ',' || chars[at] === '_')
    throw new Unsupported('a format spec with two grouping options');
  if (chars[at] === '.') {
    at++;
    out.precision = digits();
    if (out.precision < 0) throw new Unsupported('a format spec without precision after .');
  }
  if (chars.length - at > 1) throw new Unsupported('an invalid format specifier');
  if (at < chars.length) out.type = chars[at]!;
  if (out.zero) {
    // The 0 flag: fill 0 placed after the sign unless an alignment was given.
    out.fill = '0';
    if (out.align === '') out.align = '=';
  }
  return out;
}

/** `format(s, spec)` of a str: precision truncates, then the padding (default left). */
export function formatStrText(value: string, spec: FormatSpec): string {
  if (spec.type !== '' && spec.type !== 's')
    throw new Unsupported(`the format code '${spec.type}' for a str`);
  if (spec.sign !== '' || spec.alternate || spec.grouping !== '' || spec.align === '=')
    throw new Unsupported('a numeric format option on a str');
  if (spec.zero) throw new Unsupported('the 0 flag on a str (its meaning changed in 3.10)');
  let text = [...value];
  if (spec.precision >= 0) text = text.slice(0, spec.precision);
  return pad(text.join(''), '', spec, '<');
}

/** `format(i, spec)` of an int (types d x X o b c, none; e f g % go through float). */
export function formatIntText(value: bigint, spec: FormatSpec): string {
  const type = spec.type;
  if ('eEfFgG%'.includes(type) && type !== '') {
    const x = Number(value);
    if (!Number.isFinite(x)) throw new Unsupported('an int too large to convert to float');
    return formatFloatText(x, spec);
  }
  if (!['', 'd', 'x', 'X', 'o', 'b', 'c'].includes(type))
    throw new Unsupported(`the format code '${type}' for an int`);
  if (spec.precision >= 0) throw new Unsupported('a precision in an int format spec');
  if (type === 'c') throw new Unsupported("the format code 'c'");
  const base = type === 'x' || type === 'X' ? 16 : type === 'o' ? 8 : type === 'b' ? 2 : 10;
  if (spec.grouping === ',' && base !== 10)
    throw new Unsupported(`',' with the format code '${type}'`);
  const negative = value < 0n;
  let digits = (negative ? -value : value).toString(base);
  if (type === 'X') digits = digits.toUpperCase();
  if (base === 10 && digits.length > 4300)
    throw new Unsupported('the str of an int of more than 4300 digits');
  const prefix = spec.alternate && base !== 10 ? `0${type}` : '';
  const lead = signText(negative, spec) + prefix;
  return padNumber(lead, digits, '', spec, base === 10 ? 3 : 4);
}

/** `format(x, spec)` of a float (types e E f F g G %, none). */
export function formatFloatText(value: number, spec: FormatSpec): string {
  let type = spec.type;
  if (!['', 'e', 'E', 'f', 'F', 'g', 'G', '%'].includes(type))
    throw new Unsupported(`the format code '${type}' for a float`);
  let x = value;
  let suffix = '';
  if (type === '%') {
    // format_float_internal: the value is multiplied by 100 in double arithmetic.
    x = value * 100;
    type = 'f';
    suffix = '%';
  }
  const negative = x < 0 || Object.is(x, -0);
  const magnitude = Math.abs(x);
  let body: string;
  if (!Number.isFinite(magnitude)) {
    body = Number.isNaN(magnitude) ? 'nan' : 'inf';
    if (type === 'E' || type === 'F' || type === 'G') body = body.toUpperCase();
  } else if (type === '' && spec.precision < 0) {
    body = floatRepr(magnitude);
  } else {
    const precision = spec.precision < 0 ? 6 : spec.precision;
    if (type === '') body = generalDigits(magnitude, Math.max(precision, 1), spec.alternate, true);
    else if (type === 'f' || type === 'F') body = fixedDigits(magnitude, precision, spec.alternate);
    else if (type === 'e' || type === 'E') body = expDigits(magnitude, precision, spec.alternate);
    else body = generalDigits(magnitude, Math.max(precision, 1), spec.alternate, false);
    if (type === 'E' || type === 'G') body = body.toUpperCase();
  }
  const point = body.search(/[.eE]/);
  const integer = point < 0 ? body : body.slice(0, point);
  const rest = (point < 0 ? '' : body.slice(point)) + suffix;
  if (!/^[0-9]+$/.test(integer))
    return pad(signText(negative, spec) + body + suffix, '', spec, '>');
  return padNumber(signText(negative, spec), integer, rest, spec, 3);
}

function signText(negative: boolean, spec: FormatSpec): string {
  if (negative) return '-';
  return spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : '';
}

/** Groups `digits` by `every` from the right with `sep`. */
function group(digits: string, sep: string, every: number): string {
  if (sep === '') return digits;
  const parts: string[] = [];
  for (let end = digits.length; end > 0; end -= every)
    parts.unshift(digits.slice(Math.max(0, end - every), end));
  return parts.join(sep);
}

/**
 * A number's text: sign/prefix, grouped integer digits, the rest (fraction, exponent, %).
 * With fill 0 and `=` alignment and grouping, the zeros are grouped as digits
 * (calc_number_widths' n_min_width: the shortest grouped text reaching the width).
 */
function padNumber(
  lead: string,
  digits: string,
  rest: string,
  spec: FormatSpec,
  every: number,
): string {
  let grouped = group(digits, spec.grouping, every);
  if (spec.grouping !== '' && spec.fill === '0' && spec.align === '=') {
    const minWidth = spec.width - [...lead].length - [...rest].length;
    for (let n = digits.length; grouped.length < minWidth; n++)
      grouped = group(digits.padStart(n, '0'), spec.grouping, every);
  }
  return pad(grouped + rest, lead, spec, '>');
}

/** Pads `body` (after `lead`: sign and prefix) to the width with the fill and alignment. */
function pad(body: string, lead: string, spec: FormatSpec, defaultAlign: string): string {
  const length = [...lead].length + [...body].length;
  const total = Math.max(spec.width, length) - length;
  const align = spec.align === '' ? defaultAlign : spec.align;
  if (align === '=') return lead + spec.fill.repeat(total) + body;
  if (align === '<') return lead + body + spec.fill.repeat(total);
  if (align === '>') return spec.fill.repeat(total) + lead + body;
  const left = Math.floor(total / 2);
  return spec.fill.repeat(left) + lead + body + spec.fill.repeat(total - left);
}

/** The exact value of a finite non-negative double: mantissa * 2^exponent. */
function exactParts(x: number): [bigint, number] {
  if (x === 0) return [0n, 0];
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  if (biased === 0) return [fraction, -1074];
  return [fraction | (1n << 52n), biased - 1075];
}

/** round(x * 10^k) with ties to even (or, with `floor`, its integer part), x finite and >= 0. */
function scaledRound(x: number, k: number, floor = false): bigint {
  const [mantissa, exponent] = exactParts(x);
  let numerator = mantissa;
  let denominator = 1n;
  if (exponent >= 0) numerator <<= BigInt(exponent);
  else denominator <<= BigInt(-exponent);
  if (k >= 0) numerator *= 10n ** BigInt(k);
  else denominator *= 10n ** BigInt(-k);
  const quotient = numerator / denominator;
  if (floor) return quotient;
  const twice = (numerator % denominator) * 2n;
  if (twice > denominator || (twice === denominator && quotient % 2n === 1n)) return quotient + 1n;
  return quotient;
}

/** `%.<p>f` of a non-negative double. */
function fixedDigits(x: number, precision: number, alternate: boolean): string {
  const n = scaledRound(x, precision)
    .toString()
    .padStart(precision + 1, '0');
  const integer = n.slice(0, n.length - precision);
  const fraction = n.slice(n.length - precision);
  if (precision === 0) return alternate ? `${integer}.` : integer;
  return `${integer}.${fraction}`;
}

/** The digits (precision + 1 of them) and decimal exponent of x rounded to that many. */
function scientific(x: number, precision: number): [string, number] {
  if (x === 0) return ['0'.repeat(precision + 1), 0];
  // The exact decimal exponent first (10^e <= x < 10^(e+1)), from the truncated digits.
  let exponent = Math.floor(Math.log10(x));
  for (;;) {
    const digits = scaledRound(x, precision - exponent, true).toString().length;
    if (digits > precision + 1) exponent++;
    else if (digits < precision + 1) exponent--;
    else break;
  }
  const text = scaledRound(x, precision - exponent).toString();
  // Rounding may carry into a new digit (9.99… to 10.0…).
  if (text.length > precision + 1) return [text.slice(0, -1), exponent + 1];
  return [text, exponent];
}

function exponentText(exponent: number): string {
  const sign = exponent < 0 ? '-' : '+';
  return `e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/** `%.<p>e` of a non-negative double. */
function expDigits(x: number, precision: number, alternate: boolean): string {
  const [digits, exponent] = scientific(x, precision);
  const mantissa =
    precision === 0 ? (alternate ? `${digits}.` : digits) : `${digits[0]}.${digits.slice(1)}`;
  return mantissa + exponentText(exponent);
}

/**
 * `%.<p>g` of a non-negative double: fixed when -4 <= exponent < p, else exponent
 * form; trailing zeros removed unless `#`. `addDot0` (a spec with a precision and no
 * type, Py_DTSF_ADD_DOT_0): a result without a point or exponent gets `.0`.
 */
function generalDigits(x: number, precision: number, alternate: boolean, addDot0: boolean): string {
  const [, exponent] = scientific(x, precision - 1);
  let text =
    exponent >= -4 && exponent < precision
      ? fixedDigits(x, precision - 1 - exponent, alternate)
      : expDigits(x, precision - 1, alternate);
  if (!alternate) {
    const [mantissa, exp] = text.split('e') as [string, string | undefined];
    let m = mantissa;
    if (m.includes('.')) m = m.replace(/0+$/, '').replace(/\.$/, '');
    text = exp === undefined ? m : `${m}e${exp}`;
  }
  if (addDot0 && !/[.e]/.test(text)) text += '.0';
  return text;
}
