/**
 * The run-time operations of expressions on model objects: binary arithmetic and
 * sequence concatenation/repetition, unary operators and subscripts — each making
 * exactly the objects CPython's implementation makes (a shared result where CPython
 * returns an operand itself, a cached small int, an exact-size list) and returning a
 * new reference. Models long_add/… (Objects/longobject.c), float_* (floatobject.c),
 * PyUnicode_Concat and unicode_repeat (unicodeobject.c), list_concat, list_repeat,
 * list_subscript (listobject.c), tupleconcat, tuplerepeat, tuplesubscript
 * (tupleobject.c), 3.8–3.13.
 */
import { dequeItem, type Heap, type ObjectHandle } from '@pymem/objects';
import { type ArithmeticOperator, numericOp } from './arithmetic.ts';
import { setOperation } from './bitwise.ts';
import { PythonError, Unsupported } from './errors.ts';
import { keyError } from './exception-classes.ts';
import { percentFormat } from './string-format.ts';
import { numberOf, rangeValues } from './values.ts';

/** A new reference to the number `v` (int or float). */
export function newNumber(heap: Heap, v: bigint | number): ObjectHandle {
  return typeof v === 'bigint' ? heap.newInt(v) : heap.newFloat(v);
}

function typeName(heap: Heap, o: ObjectHandle): string {
  return heap.typeNameOf(o);
}

function unsupportedOperands(heap: Heap, op: string, a: ObjectHandle, b: ObjectHandle): never {
  // Counter defines +, -, &, | (and 3.10+ their in-place forms) in Python: not modelled.
  if (heap.typeOf(a) === 'Counter' || heap.typeOf(b) === 'Counter')
    throw new Unsupported(`the operator ${op} on a Counter`);
  throw new PythonError(
    'TypeError',
    `unsupported operand type(s) for ${op}: '${typeName(heap, a)}' and '${typeName(heap, b)}'`,
  );
}

/** Built-in types with sq_repeat (`seq * n`). */
const REPEATS: ReadonlySet<string> = new Set([
  'str',
  'bytes',
  'bytearray',
  'list',
  'tuple',
  'deque',
]);

function repeatCount(heap: Heap, n: ObjectHandle): number | undefined {
  const t = heap.typeOf(n);
  if (t !== 'int' && t !== 'bool') return undefined;
  const v = heap.valueOf(n) as bigint;
  if (v > 1_000_000n) throw new Unsupported('a repetition this large');
  return v < 0n ? 0 : Number(v);
}

/**
 * Refuses `a op b` on an address `id()` returned: how far apart CPython's objects lie,
 * or where in a block, follows from its start-up state, which the model does not have.
 */
export function refuseAddressArithmetic(
  heap: Heap,
  a: ObjectHandle,
  b: ObjectHandle,
  shown: string,
): void {
  if (heap.isAddress(a) || heap.isAddress(b))
    throw new Unsupported(
      `the operator ${shown} on an id() (where CPython's start-up left free blocks)`,
    );
}

/**
 * `a op b` when both are plain ints (no bool, no id()), else undefined: binaryOp's
 * commonest case without its type dispatch, for the compiled operators' fast path.
 */
export function intBinaryOp(
  heap: Heap,
  op: ArithmeticOperator,
  a: ObjectHandle,
  b: ObjectHandle,
): ObjectHandle | undefined {
  const x = heap.plainInt(a);
  if (x === undefined) return undefined;
  const y = heap.plainInt(b);
  if (y === undefined) return undefined;
  return newNumber(heap, numericOp(op, x, y, heap.layout.minor));
}

/** `a op b` for + - * / // % ** (a new reference); `shown` names the operator in a TypeError (`+=`). */
export function binaryOp(
  heap: Heap,
  op: ArithmeticOperator,
  a: ObjectHandle,
  b: ObjectHandle,
  shown: string = op,
): ObjectHandle {
  const x = numberOf(heap, a);
  const y = numberOf(heap, b);
  if (x !== undefined && y !== undefined) {
    refuseAddressArithmetic(heap, a, b, shown);
    return newNumber(heap, numericOp(op, x, y, heap.layout.minor));
  }
  const ta = heap.typeOf(a);
  const tb = heap.typeOf(b);
  if (ta === 'namedtuple' || tb === 'namedtuple')
    throw new Unsupported(`${shown} with a namedtuple instance`);
  if (op === '-' && (ta === 'set' || ta === 'frozenset') && (tb === 'set' || tb === 'frozenset'))
    return setOperation(heap, '-', a, b, shown);
  if (op === '+') {
    if (ta === 'str' && tb === 'str') {
      const left = heap.valueOf(a) as string;
      const right = heap.valueOf(b) as string;
      if (left === '') return shared(heap, b);
      if (right === '') return shared(heap, a);
      return heap.newStr(left + right);
    }
    if (ta === 'bytes' && tb === 'bytes') {
      // bytes_concat: an empty side gives the other; else a new object of both.
      const left = heap.bytesData(a);
      const right = heap.bytesData(b);
      if (left === '') return shared(heap, b);
      if (right === '') return shared(heap, a);
      return heap.newBytesOf(left + right);
    }
    if (ta === 'list' && tb === 'list')
      return heap.newList([...heap.referents(a), ...heap.referents(b)]);
    if (ta === 'tuple' && tb === 'tuple') {
      if (heap.lengthOf(a) === 0) return shared(heap, b);
      if (heap.lengthOf(b) === 0) return shared(heap, a);
      return heap.newTuple([...heap.referents(a), ...heap.referents(b)]);
    }
  }
  if (op === '*') {
    const [seq, count] = ta === 'int' || ta === 'bool' ? [b, a] : [a, b];
    const n = repeatCount(heap, count);
    const ts = heap.typeOf(seq);
    if (n !== undefined) {
      if (ts === 'str') {
        const text = heap.valueOf(seq) as string;
        if (n === 1 || text === '') return shared(heap, seq);
        return heap.newStr(text.repeat(n));
      }
      if (ts === 'bytes') {
        // bytes_repeat: the same size gives the object itself; else a new one of the
        // bytes repeated (allocated directly: an empty result is not the singleton).
        const data = heap.bytesData(seq);
        const size = data.length * Math.max(n, 0);
        if (size === data.length) return shared(heap, seq);
        if (size === 0) throw new Unsupported('an empty bytes object from a repeat');
        return heap.newBytesOf(data.repeat(n));
      }
      if (ts === 'list') return heap.listRepeat(seq, n);
      if (ts === 'tuple') {
        if (n === 1) return shared(heap, seq);
        const items = heap.referents(seq);
        const out: ObjectHandle[] = [];
        for (let i = 0; i < n; i++) out.push(...items);
        return heap.newTuple(out);
      }
    }
  }
  if (op === '*') {
    // PyNumber_Multiply (abstract.c, 3.8–3.14): when neither nb_multiply answers, the
    // left operand's sq_repeat is tried, then the right's; a count without __index__
    // is refused by sequence_repeat with a message naming the count's type.
    const other = REPEATS.has(ta) ? b : REPEATS.has(tb) ? a : 0;
    if (other !== 0) {
      const t = heap.typeOf(other);
      if (t === 'int' || t === 'bool')
        throw new Unsupported(`repeating a ${typeName(heap, other === b ? a : b)}`);
      throw new PythonError(
        'TypeError',
        `can't multiply sequence by non-int of type '${typeName(heap, other)}'`,
      );
    }
  }
  if (op === '%' && ta === 'str') return percentFormat(heap, heap.valueOf(a) as string, b);
  if (op === '+' && ta === 'bytes')
    throw new PythonError('TypeError', `can't concat ${typeName(heap, b)} to bytes`);
  if (op === '+' && (ta === 'str' || ta === 'list' || ta === 'tuple'))
    throw new PythonError(
      'TypeError',
      `can only concatenate ${ta} (not "${typeName(heap, b)}") to ${ta}`,
    );
  return unsupportedOperands(heap, shown, a, b);
}

/** A new reference to `o` itself. */
export function shared(heap: Heap, o: ObjectHandle): ObjectHandle {
  heap.incref(o);
  return o;
}

/** `-o`, `+o`, `~o` (a new reference). */
export function unaryOp(heap: Heap, op: string, o: ObjectHandle): ObjectHandle {
  const t = heap.typeOf(o);
  const v = numberOf(heap, o);
  // Counter.__pos__ / __neg__ are Python code: not modelled.
  if (t === 'Counter') throw new Unsupported(`unary ${op} of a Counter`);
  if (v === undefined)
    throw new PythonError('TypeError', `bad operand type for unary ${op}: '${typeName(heap, o)}'`);
  if (op === '+') return t === 'bool' ? heap.newInt(v as bigint) : shared(heap, o);
  if (op === '-') return newNumber(heap, typeof v === 'bigint' ? -v : -v);
  if (typeof v !== 'bigint')
    throw new PythonError('TypeError', `bad operand type for unary ~: '${typeName(heap, o)}'`);
  return heap.newInt(-v - 1n);
}

/**
 * The TypeError of a non-int index. str's words its own (unicode_subscript): no type
 * before 3.11, the type quoted from 3.11 (measured on 3.8–3.13).
 */
function badIndex(heap: Heap, key: ObjectHandle, what: string): PythonError {
  if (what !== 'string')
    return new PythonError(
      'TypeError',
      `${what} indices must be integers or slices, not ${typeName(heap, key)}`,
    );
  const tail = heap.layout.minor >= 11 ? `, not '${typeName(heap, key)}'` : '';
  return new PythonError('TypeError', `string indices must be integers${tail}`);
}

function index(heap: Heap, container: ObjectHandle, key: ObjectHandle, what: string): number {
  const t = heap.typeOf(key);
  if (t !== 'int' && t !== 'bool') throw badIndex(heap, key, what);
  const n = heap.lengthOf(container);
  let i = Number(heap.valueOf(key) as bigint);
  if (i < 0) i += n;
  if (i < 0 || i >= n) throw new PythonError('IndexError', `${what} index out of range`);
  return i;
}

/** `container[key]` (a new reference). */
export function subscript(heap: Heap, container: ObjectHandle, key: ObjectHandle): ObjectHandle {
  const t = heap.typeOf(container);
  if (t === 'list' || t === 'tuple')
    // The items themselves (no copy): one item is read, nothing changes meanwhile.
    return shared(heap, heap.items(container)[index(heap, container, key, t)]!);
  if (t === 'namedtuple') {
    // tuplesubscript on a tuple subclass: an int index as a tuple's.
    const kt = heap.typeOf(key);
    if (kt !== 'int' && kt !== 'bool') throw new Unsupported(`a namedtuple indexed by a ${kt}`);
    return shared(heap, heap.items(container)[index(heap, container, key, 'tuple')]!);
  }
  if (t === 'str') {
    const chars = [...(heap.valueOf(container) as string)];
    return heap.newStr(
      chars[index(heap, chars.length === 0 ? container : container, key, 'string')]!,
    );
  }
  if (t === 'range') {
    // range_subscript → compute_range_item: the item from start, step and the index as
    // ints; exact here only while every int it makes is a cached small int (otherwise
    // its temporaries take and give back blocks around the result's).
    const kt = heap.typeOf(key);
    if (kt !== 'int' && kt !== 'bool') throw new Unsupported(`a range indexed by a ${kt}`);
    const [start, , step, length] = rangeValues(heap, container);
    const given = heap.valueOf(key) as bigint;
    const i = given < 0n ? given + length : given;
    if (i < 0n || i >= length)
      throw new PythonError('IndexError', 'range object index out of range');
    const value = start + i * step;
    const small = (v: bigint) => v >= -5n && v <= 256n;
    if (![given, i, i * step, value].every(small))
      throw new Unsupported('indexing a range beyond the cached small ints');
    return heap.newInt(value);
  }
  if (t === 'bytes') {
    // bytes_subscript: the byte as an int (always a cached small int).
    const kt = heap.typeOf(key);
    if (kt !== 'int' && kt !== 'bool') throw badIndex(heap, key, 'byte');
    const data = heap.bytesData(container);
    let i = Number(heap.valueOf(key) as bigint);
    if (i < 0) i += data.length;
    if (i < 0 || i >= data.length) throw new PythonError('IndexError', 'index out of range');
    return heap.newInt(data.charCodeAt(i));
  }
  if (t === 'deque') {
    // deque_item through PySequence_GetItem (a negative index counts from the end).
    const kt = heap.typeOf(key);
    if (kt !== 'int' && kt !== 'bool') throw new Unsupported(`a deque indexed by a ${kt}`);
    return dequeItem(heap, container, index(heap, container, key, 'deque'));
  }
  if (t === 'dict' || t === 'OrderedDict') {
    // An OrderedDict's subscript is dict's (it has no __missing__).
    const v = heap.dictGet(container, key);
    if (v === 0) throw keyError(heap, key);
    return shared(heap, v);
  }
  throw new Unsupported(`subscripting a ${typeName(heap, container)}`);
}

/** PySlice_AdjustIndices for step 1 or another step: the picked indices in slice order. */
export function sliceRange(
  length: number,
  start: bigint | null,
  stop: bigint | null,
  step: bigint,
): number[] {
  const n = BigInt(length);
  const clamp = (v: bigint | null, dflt: bigint, lo: bigint, hi: bigint): bigint => {
    if (v === null) return dflt;
    let x = v < 0n ? v + n : v;
    if (x < lo) x = lo;
    if (x > hi) x = hi;
    return x;
  };
  const out: number[] = [];
  if (step > 0n) {
    const s = clamp(start, 0n, 0n, n);
    const e = clamp(stop, n, 0n, n);
    for (let i = s; i < e; i += step) out.push(Number(i));
  } else {
    const s = clamp(start, n - 1n, -1n, n - 1n);
    const e = clamp(stop, -1n, -1n, n - 1n);
    for (let i = s; i > e; i += step) out.push(Number(i));
  }
  return out;
}

/** `container[start:stop:step]` (a new reference); bounds are ints or null. */
export function slice(
  heap: Heap,
  container: ObjectHandle,
  start: bigint | null,
  stop: bigint | null,
  step: bigint | null,
): ObjectHandle {
  if (step === 0n) throw new PythonError('ValueError', 'slice step cannot be zero');
  const t = heap.typeOf(container);
  const n = heap.lengthOf(container);
  const picked = sliceRange(n, start, stop, step ?? 1n);
  const whole = picked.length === n && (step ?? 1n) === 1n;
  if (t === 'list') {
    const items = heap.referents(container);
    return heap.newList(picked.map((i) => items[i]!));
  }
  if (t === 'tuple') {
    if (whole) return shared(heap, container);
    const items = heap.referents(container);
    return heap.newTuple(picked.map((i) => items[i]!));
  }
  if (t === 'str') {
    if (whole) return shared(heap, container);
    const chars = [...(heap.valueOf(container) as string)];
    return heap.newStr(picked.map((i) => chars[i]!).join(''));
  }
  throw new Unsupported(`slicing a ${typeName(heap, container)}`);
}
