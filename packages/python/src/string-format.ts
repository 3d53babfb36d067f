/**
 * The three ways a program formats values into a str, on the heap: FORMAT_VALUE with a
 * spec (`f"{x:>10}"`), `template % args` (PyUnicode_Format) and `template.format(…)`
 * (Objects/stringlib/unicode_format.h), all through `format-spec.ts`'s texts.
 *
 * Invariants (measured on 3.8–3.13): a result whose text is a str argument's own whole
 * text, unpadded, is that str itself (`'%s' % s is s`, `f"{s:2}" is s`); any other
 * result is a new str, a one-character latin-1 one the cached singleton — except a str
 * cut by a precision to one character on 3.12 (measured: a new str there), refused.
 * Where each result's block lies is not modelled (the writer over-allocates and shrinks,
 * `__format__` is looked up as a bound method): `id()` is refused after formatting.
 */
import type { Heap, ObjectHandle } from '@pymem/objects';
import { PythonError, Unsupported } from './errors.ts';
import { keyError } from './exception-classes.ts';
import {
  type FormatSpec,
  formatFloatText,
  formatIntText,
  formatStrText,
  parseFormatSpec,
} from './format-spec.ts';
import { shared } from './operations.ts';
import { reprText, strText } from './values.ts';

/** The machines that have formatted with a spec (their blocks no longer vouched for). */
const formatted = new WeakSet<Heap>();

/** Whether `id()` must be refused on `m`: a spec, `%` or `str.format` ran. */
export function formattingRan(heap: Heap): boolean {
  return formatted.has(heap);
}

/**
 * The containers whose str is their repr, formatted without a spec (`f"{xs}"`,
 * `str(xs)`): list_repr & co. build it with a _PyUnicodeWriter (over-allocated, then
 * shrunk), so the result's block is not vouched for — `id()` is refused after, as after
 * any formatting — but the result is always a new str of exactly that text.
 */
const CONTAINERS: ReadonlySet<string> = new Set([
  'list',
  'tuple',
  'dict',
  'set',
  'frozenset',
  'deque',
  'defaultdict',
  'namedtuple',
  'dict_keys',
  'dict_values',
  'dict_items',
  'range',
]);

/** `str(v)` / `repr(v)` of a container (see {@link CONTAINERS}) as a new str, or undefined for another type. */
export function containerText(
  heap: Heap,
  v: ObjectHandle,
  repr: boolean,
): ObjectHandle | undefined {
  if (!CONTAINERS.has(heap.typeOf(v))) return undefined;
  const text = repr ? reprText(heap, v) : strText(heap, v);
  formatted.add(heap);
  return heap.newStr(text);
}

/** A new reference to the str `text`, or `source` itself when it is that str unchanged. */
function result(heap: Heap, text: string, source: ObjectHandle): ObjectHandle {
  if (source !== 0 && heap.typeOf(source) === 'str' && heap.valueOf(source) === text)
    return shared(heap, source);
  return heap.newStr(text);
}

/** The text of `format(v, spec)` for an int, float or str (others, bool too, refused). */
function formatText(heap: Heap, v: ObjectHandle, spec: FormatSpec): string {
  const t = heap.typeOf(v);
  if (t === 'int') return formatIntText(heap.valueOf(v) as bigint, spec);
  if (t === 'float') return formatFloatText(heap.valueOf(v) as number, spec);
  if (t === 'str') {
    const text = formatStrText(heap.valueOf(v) as string, spec);
    if (heap.layout.minor === 12 || heap.layout.minor >= 14)
      if ([...text].length === 1 && text !== heap.valueOf(v))
        throw new Unsupported('a str cut to one character by a format precision on 3.12/3.14');
    return text;
  }
  throw new Unsupported(`formatting a ${heap.typeNameOf(v)} with a format spec`);
}

/**
 * PyObject_Format(v, spec) after the conversion (`!r` / `!s` made `v` a str): a new
 * reference. An empty spec is handled by the caller (FORMAT_VALUE's plain path).
 */
export function formatWithSpec(heap: Heap, v: ObjectHandle, spec: string): ObjectHandle {
  formatted.add(heap);
  return result(heap, formatText(heap, v, parseFormatSpec(spec)), v);
}

/** One printf-style directive: `%[flags][width][.precision]type`. */
interface Directive {
  flags: string;
  width: number;
  precision: number;
  type: string;
}

/**
 * The operand types PyMapping_Check accepts (a `mp_subscript` slot) that `%` then treats
 * as its mapping: `%(key)s` looks keys up in them, and no "not all arguments converted"
 * error is raised for them (`'abc' % [1]` is `'abc'`; measured on 3.8–3.13). A tuple and
 * a str are excluded, as PyUnicode_Format excludes them.
 */
const MAPPING_OPERANDS: ReadonlySet<string> = new Set(['dict', 'list', 'range']);

/**
 * `template % operand` (PyUnicode_Format, Objects/unicodeobject.c 3.8–3.13): a new
 * reference; TypeErrors as CPython's.
 *
 * The argument cursor is CPython's `argidx` / `arglen`: a tuple's items in turn, any
 * other operand once (`arglen` −1, `argidx` −2 → −1). With a mapping operand,
 * `%(key)s` makes the key str (PyUnicode_Substring: the cached one-character or empty
 * str where there is one), looks it up (PyObject_GetItem: a new reference to the item),
 * releases the key, and holds the item as the argument until the next key or the end,
 * where it is released before the result is made.
 */
export function percentFormat(heap: Heap, template: string, operand: ObjectHandle): ObjectHandle {
  formatted.add(heap);
  const ot = heap.typeOf(operand);
  if (ot === 'instance') throw new Unsupported("'%' formatting with an instance");
  const mapping = MAPPING_OPERANDS.has(ot) ? operand : 0;
  const items = ot === 'tuple' ? heap.referents(operand) : [];
  let args = operand;
  let owned = false;
  let arglen = ot === 'tuple' ? items.length : -1;
  let argidx = ot === 'tuple' ? 0 : -2;
  const nextArg = (): ObjectHandle => {
    if (argidx >= arglen)
      throw new PythonError('TypeError', 'not enough arguments for format string');
    const i = argidx++;
    return arglen < 0 ? args : items[i]!;
  };
  let text = '';
  let only: ObjectHandle = 0;
  let pieces = 0;
  const pattern = /([-+ #0]*)([0-9]*)(?:\.([0-9]*))?(.)?/y;
  try {
    for (let at = 0; at < template.length; ) {
      const percent = template.indexOf('%', at);
      if (percent < 0) {
        text += template.slice(at);
        pieces++;
        break;
      }
      if (percent > at) {
        text += template.slice(at, percent);
        pieces++;
      }
      let start = percent + 1;
      if (template[start] === '(') {
        if (mapping === 0) throw new PythonError('TypeError', 'format requires a mapping');
        const close = keyEnd(template, start + 1);
        if (close < 0) throw new Unsupported("an incomplete '%' format key (a ValueError)");
        if (ot !== 'dict') throw new Unsupported(`a '%' format key into a ${ot}`);
        if (owned) {
          owned = false;
          heap.decref(args);
        }
        const key = heap.newStr(template.slice(start + 1, close));
        const item = heap.dictGet(mapping, key);
        if (item === 0) {
          const error = keyError(heap, key);
          heap.decref(key);
          throw error;
        }
        args = shared(heap, item);
        heap.decref(key);
        owned = true;
        arglen = -1;
        argidx = -2;
        start = close + 1;
      }
      pattern.lastIndex = start;
      const match = pattern.exec(template);
      if (match === null || match[4] === undefined)
        throw new Unsupported("an incomplete '%' format");
      at = pattern.lastIndex;
      const d: Directive = {
        flags: match[1]!,
        width: match[2] === '' ? -1 : Number(match[2]),
        precision: match[3] === undefined ? -1 : match[3] === '' ? 0 : Number(match[3]),
        type: match[4],
      };
      if (d.type === '%' && start === percent + 1 && match[0] === '%') {
        text += '%';
        pieces++;
        continue;
      }
      if (d.type === '%' || d.type === '*' || match[2]!.length > 9)
        throw new Unsupported("a '%' format width like this");
      const arg = nextArg();
      const piece = directiveText(heap, d, arg);
      if (piece === heap.valueOf(arg) && heap.typeOf(arg) === 'str') only = arg;
      text += piece;
      pieces++;
    }
    if (argidx < arglen && mapping === 0)
      throw new PythonError('TypeError', 'not all arguments converted during string formatting');
  } finally {
    if (owned) heap.decref(args);
  }
  return pieces === 1 && only !== 0 ? shared(heap, only) : heap.newStr(text);
}

/** The index of the `)` closing a `%(` key whose text starts at `from` (balanced), or −1. */
function keyEnd(template: string, from: number): number {
  let depth = 1;
  for (let i = from; i < template.length; i++) {
    if (template[i] === '(') depth++;
    else if (template[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The text of one `%` directive for its argument. */
function directiveText(heap: Heap, d: Directive, arg: ObjectHandle): string {
  const t = heap.typeOf(arg);
  const left = d.flags.includes('-');
  const sign = d.flags.includes('+') ? '+' : d.flags.includes(' ') ? ' ' : '';
  const spec: FormatSpec = {
    fill: ' ',
    align: left ? '<' : '',
    sign: sign as FormatSpec['sign'],
    alternate: d.flags.includes('#'),
    zero: false,
    width: d.width,
    grouping: '',
    precision: d.precision,
    type: '',
  };
  if (d.flags.includes('0') && !left) {
    spec.fill = '0';
    spec.align = '=';
  }
  if (d.type === 's' || d.type === 'r') {
    if (spec.fill === '0' || sign !== '' || spec.alternate)
      throw new Unsupported(`a numeric flag on %${d.type}`);
    if (t !== 'str' && t !== 'int' && t !== 'float' && !CONTAINERS.has(t))
      throw new Unsupported(`%${d.type} of a ${heap.typeNameOf(arg)}`);
    const text = d.type === 'r' ? reprText(heap, arg) : strText(heap, arg);
    const out = formatStrText(text, { ...spec, align: left ? '<' : '>' });
    if (
      (heap.layout.minor === 12 || heap.layout.minor >= 14) &&
      [...out].length === 1 &&
      out !== text
    )
      throw new Unsupported('a str cut to one character by a % precision on 3.12/3.14');
    return out;
  }
  if (t !== 'int' && t !== 'float')
    throw new Unsupported(`%${d.type} of a ${heap.typeNameOf(arg)}`);
  if ('diu'.includes(d.type) || 'xXo'.includes(d.type)) {
    if (d.precision >= 0) throw new Unsupported('a precision on an int % directive');
    let value: bigint;
    if (t === 'float') {
      if ('xXo'.includes(d.type)) throw new Unsupported(`%${d.type} of a float (a TypeError)`);
      const x = heap.valueOf(arg) as number;
      if (!Number.isFinite(x)) throw new Unsupported('%d of inf or nan');
      value = BigInt(Math.trunc(x));
    } else value = heap.valueOf(arg) as bigint;
    // %o with # is 0o as format's is; %x / %X give 0x / 0X.
    return formatIntText(value, { ...spec, type: 'diu'.includes(d.type) ? 'd' : d.type });
  }
  if ('eEfFgG'.includes(d.type)) {
    const x = t === 'int' ? Number(heap.valueOf(arg) as bigint) : (heap.valueOf(arg) as number);
    if (!Number.isFinite(x) && t === 'int') throw new Unsupported('an int too large for a float');
    return formatFloatText(x, {
      ...spec,
      precision: d.precision < 0 ? 6 : d.precision,
      type: d.type,
    });
  }
  throw new Unsupported(`the '%' format code '${d.type}'`);
}

/**
 * `template.format(*args, **kwargs)`: fields `{}`, `{0}`, `{name}`, each with an
 * optional `!r` / `!s` and a spec (no nested fields, attributes or indexes).
 */
export function strDotFormat(
  heap: Heap,
  template: string,
  args: readonly ObjectHandle[],
  kwargs: ReadonlyMap<string, ObjectHandle>,
): ObjectHandle {
  formatted.add(heap);
  let text = '';
  let only: ObjectHandle = 0;
  let pieces = 0;
  let auto = 0;
  let manual = false;
  let literal = '';
  const flush = (): void => {
    if (literal === '') return;
    text += literal;
    literal = '';
    pieces++;
  };
  for (let at = 0; at < template.length; ) {
    const ch = template[at]!;
    if (ch === '}') {
      if (template[at + 1] !== '}')
        throw new Unsupported("a single '}' in a format string (a ValueError)");
      literal += '}';
      at += 2;
      continue;
    }
    if (ch !== '{') {
      literal += ch;
      at++;
      continue;
    }
    if (template[at + 1] === '{') {
      literal += '{';
      at += 2;
      continue;
    }
    const end = template.indexOf('}', at);
    const field = template.slice(at + 1, end);
    if (end < 0 || field.includes('{'))
      throw new Unsupported('a format field like this (nested or unclosed)');
    at = end + 1;
    flush();
    const match = /^([A-Za-z_0-9]*)(?:!([rs]))?(?::(.*))?$/s.exec(field);
    if (match === null) throw new Unsupported('a format field with attributes or indexes');
    const [, name, conversion, spec] = match;
    let value: ObjectHandle;
    if (name === '' || /^[0-9]+$/.test(name!)) {
      const index = name === '' ? auto++ : Number(name);
      if (name === '' ? manual : auto > 0)
        throw new Unsupported('mixing automatic and manual field numbering (a ValueError)');
      if (name !== '') manual = true;
      if (index >= args.length) throw new Unsupported('a format field without its argument');
      value = args[index]!;
    } else {
      const found = kwargs.get(name!);
      if (found === undefined) throw new Unsupported('a format field without its keyword');
      value = found;
    }
    let piece: string;
    let source = value;
    if (conversion !== undefined) {
      const t = heap.typeOf(value);
      if (t !== 'str' && t !== 'int' && t !== 'float' && !CONTAINERS.has(t))
        throw new Unsupported(`!${conversion} of a ${heap.typeNameOf(value)}`);
      const converted = conversion === 'r' ? reprText(heap, value) : strText(heap, value);
      if (conversion === 'r' || t !== 'str') source = 0;
      piece =
        spec === undefined || spec === ''
          ? converted
          : formatStrText(converted, parseFormatSpec(spec));
    } else if (spec === undefined || spec === '') {
      const t = heap.typeOf(value);
      if (t !== 'str' && t !== 'int' && t !== 'float' && !CONTAINERS.has(t))
        throw new Unsupported(`formatting a ${heap.typeNameOf(value)}`);
      piece = strText(heap, value);
    } else piece = formatText(heap, value, parseFormatSpec(spec));
    if (source !== 0 && heap.typeOf(source) === 'str' && piece === heap.valueOf(source))
      only = source;
    else only = 0;
    text += piece;
    pieces++;
  }
  flush();
  return pieces === 1 && only !== 0 ? shared(heap, only) : heap.newStr(text);
}
