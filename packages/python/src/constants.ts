/**
 * Code constants: literal values, folded at compile time as CPython's AST optimizer
 * folds them (Python/ast_opt.c, 3.8–3.13: fold_unaryop, fold_binop with safe_multiply,
 * safe_power and safe_mod, fold_tuple, fold_iter), then made once per program and
 * shared by every code object in it (compile.c's merge_consts_recursive / c_const_cache,
 * 3.8+: equal constants of one file are one object).
 *
 *   Constant ─► key (type and value, so 1, 1.0 and True stay apart) ─► one handle
 *
 * A constant is made before the program runs and held for the whole run, like a
 * code object's co_consts. Folding limits: an int product of more than 128 bits, an
 * int power whose base has more bits than 128 / exponent, a str product longer than
 * 4,096 characters and `%` on a str are left to run time.
 */
import type { Heap, ObjectHandle } from '@pymem/objects';
import { type ArithmeticOperator, bitLength, numericOp } from './arithmetic.ts';
import { PythonError, Unsupported } from './errors.ts';

/** A compile-time constant value. */
export type Constant =
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'str'; readonly value: string }
  /** A bytes literal: one char per byte. */
  | { readonly kind: 'bytes'; readonly value: string }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'none' }
  | { readonly kind: 'tuple' | 'frozenset'; readonly items: readonly Constant[] };

const MAX_INT_BITS = 128;
const MAX_STR_SIZE = 4096;

/** The pool key of a constant (type-exact, -0.0 apart from 0.0). */
export function constantKey(c: Constant): string {
  switch (c.kind) {
    case 'int':
      return `i${c.value}`;
    case 'float':
      return Object.is(c.value, -0) ? 'f-0' : `f${c.value}`;
    case 'str':
      return `s${c.value}`;
    case 'bytes':
      return `y${c.value}`;
    case 'bool':
      return `b${c.value}`;
    case 'none':
      return 'N';
    default:
      return `${c.kind}(${c.items.map(constantKey).join(',')})`;
  }
}

function numeric(c: Constant): bigint | number | undefined {
  if (c.kind === 'int' || c.kind === 'float') return c.value;
  if (c.kind === 'bool') return c.value ? 1n : 0n;
  return undefined;
}

function fromNumber(v: bigint | number): Constant {
  return typeof v === 'bigint' ? { kind: 'int', value: v } : { kind: 'float', value: v };
}

/** fold_unaryop: `-c`, `+c`, `~c`, `not c`, or undefined when CPython leaves it to run time. */
export function foldUnary(op: string, c: Constant): Constant | undefined {
  if (op === 'not') {
    const truth =
      c.kind === 'none'
        ? false
        : c.kind === 'str' || c.kind === 'bytes'
          ? c.value.length > 0
          : c.kind === 'tuple' || c.kind === 'frozenset'
            ? c.items.length > 0
            : numeric(c) !== 0n && numeric(c) !== 0;
    return { kind: 'bool', value: !truth };
  }
  const n = numeric(c);
  if (n === undefined) return undefined;
  if (op === '-') return fromNumber(typeof n === 'bigint' ? -n : -n);
  if (op === '+') return fromNumber(n);
  if (op === '~') return typeof n === 'bigint' ? { kind: 'int', value: -n - 1n } : undefined;
  return undefined;
}

/** fold_binop for arithmetic: the folded constant, or undefined when left to run time. */
export function foldBinary(op: string, a: Constant, b: Constant): Constant | undefined {
  const x = numeric(a);
  const y = numeric(b);
  if (x !== undefined && y !== undefined) {
    if (!['+', '-', '*', '/', '//', '%', '**'].includes(op))
      throw new Unsupported(`the operator ${op}`);
    if (op === '*' && typeof x === 'bigint' && typeof y === 'bigint' && x !== 0n && y !== 0n) {
      if (bitLength(x) + bitLength(y) > MAX_INT_BITS) return undefined;
    }
    if (op === '**' && typeof x === 'bigint' && typeof y === 'bigint' && x !== 0n && y > 0n) {
      if (BigInt(bitLength(x)) > BigInt(MAX_INT_BITS) / y) return undefined;
    }
    try {
      return fromNumber(numericOp(op as ArithmeticOperator, x, y));
    } catch (error) {
      if (error instanceof PythonError) return undefined;
      throw error;
    }
  }
  if (a.kind === 'str' && b.kind === 'str' && op === '+')
    return { kind: 'str', value: a.value + b.value };
  if (op === '*' && (a.kind === 'str' || b.kind === 'str')) {
    const text = a.kind === 'str' ? a.value : b.kind === 'str' ? b.value : '';
    const count = a.kind === 'str' ? y : x;
    if (typeof count !== 'bigint') return undefined;
    const size = [...text].length;
    if (size > 0 && (count < 0n || count > BigInt(Math.floor(MAX_STR_SIZE / size))))
      return undefined;
    return { kind: 'str', value: count <= 0n ? '' : text.repeat(Number(count)) };
  }
  if (a.kind === 'str' && op === '%') return undefined;
  // safe_multiply counts a bytes object's size in bytes, against the same limit.
  if (a.kind === 'bytes' && b.kind === 'bytes' && op === '+')
    return { kind: 'bytes', value: a.value + b.value };
  if (op === '*' && (a.kind === 'bytes' || b.kind === 'bytes')) {
    const data = a.kind === 'bytes' ? a.value : b.kind === 'bytes' ? b.value : '';
    const count = a.kind === 'bytes' ? y : x;
    if (typeof count !== 'bigint') return undefined;
    if (data.length > 0 && (count < 0n || count > BigInt(Math.floor(MAX_STR_SIZE / data.length))))
      return undefined;
    return { kind: 'bytes', value: count <= 0n ? '' : data.repeat(Number(count)) };
  }
  if (a.kind === 'bytes' || b.kind === 'bytes') return undefined;
  if (a.kind === 'tuple' || b.kind === 'tuple')
    throw new Unsupported('arithmetic on constant tuples');
  return undefined;
}

/** The program's constants, each made once and held for the whole run. */
export class ConstantPool {
  private readonly heap: Heap;
  private readonly handles = new Map<string, ObjectHandle>();
  /** Every constant handle (including the items of constant tuples). */
  readonly members: Set<ObjectHandle>;

  constructor(heap: Heap, members: Set<ObjectHandle>) {
    this.heap = heap;
    this.members = members;
  }

  /** The handle of constant `c` (borrowed: the pool holds it). */
  handle(c: Constant): ObjectHandle {
    const key = constantKey(c);
    const known = this.handles.get(key);
    if (known !== undefined) return known;
    const heap = this.heap;
    let h: ObjectHandle;
    switch (c.kind) {
      case 'int':
        h = heap.newInt(c.value);
        break;
      case 'float':
        h = heap.newFloat(c.value);
        break;
      case 'str':
        h = heap.newStr(c.value);
        break;
      case 'bytes':
        if (c.value.length === 1)
          throw new Unsupported('a one-byte bytes object (a cached character)');
        h = heap.newBytesOf(c.value);
        break;
      case 'bool':
        h = heap.newBool(c.value);
        break;
      case 'none':
        h = heap.newNone();
        break;
      case 'tuple': {
        const items = c.items.map((item) => this.handle(item));
        h = items.length === 0 ? heap.newTuple([]) : heap.newConstantTuple(items);
        break;
      }
      case 'frozenset':
        h = heap.newSet(
          c.items.map((item) => this.handle(item)),
          true,
        );
        break;
    }
    this.handles.set(key, h);
    this.members.add(h);
    return h;
  }
}
