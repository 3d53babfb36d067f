/**
 * The bitwise operators `& | ^ << >>` on ints and bools (`pymem run`), at run time and
 * folded at compile time. Models Objects/longobject.c long_and / long_or / long_xor /
 * long_lshift / long_rshift and Objects/boolobject.c bool_and / bool_or / bool_xor
 * (two bools give a bool, anything else an int), and the compiler's fold_binop with
 * its shift limit (Python/ast_opt.c safe_lshift: a folded result of at most 128 bits),
 * 3.8–3.14.
 *
 * Refused: operands other than ints, bools and a few types whose TypeError is certain
 * (sets and dicts define `|` & co.; instances may define `__and__`), shifts by more
 * than 2**20 bits.
 */
import type { Heap, ObjectHandle } from '@pymem/objects';
import { dictUnion } from './compile-dict-unpacking.ts';
import type { Constant } from './constants.ts';
import { PythonError, Unsupported } from './errors.ts';
import { refuseAddressArithmetic } from './operations.ts';

/** A bitwise operator as written in source. */
export type BitwiseOperator = '&' | '|' | '^' | '<<' | '>>';

/** The bitwise operators. */
export const BITWISE_OPERATORS: ReadonlySet<string> = new Set(['&', '|', '^', '<<', '>>']);

/** The largest folded int (bits), as CPython's MAX_INT_SIZE. */
const MAX_FOLDED_BITS = 128;
/** The largest shift the model computes. */
const MAX_SHIFT = 2 ** 20;

/**
 * Types whose bitwise operators (if any) refuse every other type of this set: their
 * TypeError is CPython's. A dict's `|` takes only a dict, from 3.9 (handled first).
 */
const WITHOUT_BITWISE: ReadonlySet<string> = new Set([
  'dict',
  'int',
  'bool',
  'float',
  'str',
  'NoneType',
  'list',
  'tuple',
  'range',
]);

function bitLength(v: bigint): number {
  return (v < 0n ? -v : v).toString(2).length;
}

/** `x op y` on ints (bools as 0/1). @throws PythonError for a negative shift count. */
export function bitwiseValue(op: BitwiseOperator, x: bigint, y: bigint): bigint {
  switch (op) {
    case '&':
      return x & y;
    case '|':
      return x | y;
    case '^':
      return x ^ y;
    default: {
      if (y < 0n) throw new PythonError('ValueError', 'negative shift count');
      if (y > BigInt(MAX_SHIFT)) throw new Unsupported(`a shift by more than ${MAX_SHIFT} bits`);
      return op === '<<' ? x << y : x >> y;
    }
  }
}

/** `a op b` at run time (`shown`: the operator as the TypeError names it, `&=` in place): a new reference. */
export function bitwiseOp(
  heap: Heap,
  op: BitwiseOperator,
  a: ObjectHandle,
  b: ObjectHandle,
  shown: string = op,
): ObjectHandle {
  refuseAddressArithmetic(heap, a, b, shown);
  const ta = heap.typeOf(a);
  const tb = heap.typeOf(b);
  const integral = (t: string) => t === 'int' || t === 'bool';
  if (op !== '<<' && op !== '>>' && isSet(ta) && isSet(tb))
    return setOperation(heap, op, a, b, shown);
  if (op === '|' && ta === 'dict' && tb === 'dict' && heap.layout.minor >= 9)
    return dictUnion(heap, a, b, shown.endsWith('='));
  if (!integral(ta) || !integral(tb)) {
    if (!WITHOUT_BITWISE.has(ta) || !WITHOUT_BITWISE.has(tb))
      throw new Unsupported(`the operator ${op} on a ${heap.typeNameOf(integral(ta) ? b : a)}`);
    throw new PythonError(
      'TypeError',
      `unsupported operand type(s) for ${shown}: '${heap.typeNameOf(a)}' and '${heap.typeNameOf(b)}'`,
    );
  }
  const value = bitwiseValue(op, heap.valueOf(a) as bigint, heap.valueOf(b) as bigint);
  if (ta === 'bool' && tb === 'bool' && op !== '<<' && op !== '>>')
    return heap.newBool(value !== 0n);
  return heap.newInt(value);
}

function isSet(type: string): boolean {
  return type === 'set' || type === 'frozenset';
}

/**
 * `a op b` of two sets or frozensets (`|` `&` `^` `-`): a new set of `a`'s kind
 * (@pymem/objects set-operations.ts). In place (`shown` ends in `=`) a set is changed
 * where it is and returned (set_ior, set_isub, set_ixor, set_iand); a frozenset
 * has no in-place slots, so it gets the new set.
 */
export function setOperation(
  heap: Heap,
  op: '|' | '&' | '^' | '-',
  a: ObjectHandle,
  b: ObjectHandle,
  shown: string = op,
): ObjectHandle {
  if (shown.endsWith('=') && heap.typeOf(a) === 'set') {
    heap.setOperationInPlace(op, a, b);
    heap.incref(a);
    return a;
  }
  return heap.setOperation(op, a, b);
}

/** fold_binop for a bitwise operator: the folded constant, or undefined when left to run time. */
export function foldBitwise(op: BitwiseOperator, a: Constant, b: Constant): Constant | undefined {
  const value = (c: Constant): bigint | undefined =>
    c.kind === 'int' ? c.value : c.kind === 'bool' ? (c.value ? 1n : 0n) : undefined;
  const x = value(a);
  const y = value(b);
  if (x === undefined || y === undefined) return undefined;
  if (a.kind === 'bool' && b.kind === 'bool' && op !== '<<' && op !== '>>')
    return { kind: 'bool', value: bitwiseValue(op, x, y) !== 0n };
  if (y < 0n) return undefined;
  if (
    op === '<<' &&
    x !== 0n &&
    y !== 0n &&
    (y > BigInt(MAX_FOLDED_BITS) || bitLength(x) + Number(y) > MAX_FOLDED_BITS)
  )
    return undefined;
  return { kind: 'int', value: bitwiseValue(op, x, y) };
}
