/**
 * `import math`: the functions whose results the model computes exactly as CPython's C
 * library does, and the module's constants.
 *
 *   math.sqrt/fabs/fmod/copysign    a new float (IEEE-exact operations)
 *   math.floor/ceil/trunc           a new int (PyLong_FromDouble: a cached small int
 *                                   when it is one); of an int, that int itself
 *   math.gcd/factorial/isqrt/comb/perm  new ints (exact integer arithmetic)
 *   math.isfinite/isinf/isnan       True / False
 *   math.pi/e/tau/inf/nan           the module's own floats: the same object on every
 *                                   read; their counts include the module dict's
 *                                   reference, so getrefcount of one is refused
 *
 * Transcendental functions (exp, log, sin, …) are refused: glibc's and the model's
 * last bits may differ. Domain errors are refused (their messages changed across
 * versions). Models Modules/mathmodule.c (math_1, math_floor, math_ceil,
 * math_factorial, math_isqrt, math_comb, math_perm), 3.8–3.13.
 */
import type { Heap, ObjectHandle } from '@pymem/objects';
import { PythonError, Unsupported } from './errors.ts';
import type { Machine } from './machine.ts';
import { shared } from './operations.ts';

/** A module function: borrowed arguments (and keyword arguments) in, a new reference out. */
export type ModuleFunction = (
  m: Machine,
  args: readonly ObjectHandle[],
  keywords?: ReadonlyMap<string, ObjectHandle>,
) => ObjectHandle;

/** A library module the program may import. */
export interface LibraryModule {
  /** Its functions by name. */
  readonly functions: Readonly<Record<string, ModuleFunction>>;
  /** Its value attributes, made when the import runs (held by the module). */
  readonly attributes?: (m: Machine) => Record<string, ObjectHandle>;
  /** The keyword arguments each function accepts (none when absent; `any`: every name). */
  readonly keywords?: Readonly<Record<string, readonly string[] | 'any'>>;
  /**
   * The functions a program may hold as values (`f = operator.add`, `map(math.sqrt, xs)`):
   * builtins whose call from C makes nothing the call by name does not (METH_O,
   * METH_FASTCALL).
   */
  readonly valueFunctions?: ReadonlySet<string>;
}

function arity(name: string, args: readonly ObjectHandle[], min: number, max: number): void {
  if (args.length < min || args.length > max)
    throw new Unsupported(`${name}() with ${args.length} argument${args.length === 1 ? '' : 's'}`);
}

/** PyFloat_AsDouble of an int or float argument (ints beyond 2**53 are refused). */
function doubleOf(heap: Heap, o: ObjectHandle, name: string): number {
  const t = heap.typeOf(o);
  if (t === 'float') return heap.valueOf(o) as number;
  if (t === 'int' || t === 'bool') {
    const v = heap.valueOf(o) as bigint;
    if (v > 2n ** 53n || v < -(2n ** 53n))
      throw new Unsupported(`${name}() of an int beyond 2**53`);
    return Number(v);
  }
  throw new PythonError('TypeError', `must be real number, not ${heap.typeNameOf(o)}`);
}

function intOf(heap: Heap, o: ObjectHandle, name: string): bigint {
  const t = heap.typeOf(o);
  if (t !== 'int' && t !== 'bool') throw new Unsupported(`${name}() of a ${heap.typeNameOf(o)}`);
  return heap.valueOf(o) as bigint;
}

function float1(name: string, f: (x: number) => number): ModuleFunction {
  return (m, args) => {
    arity(`math.${name}`, args, 1, 1);
    const x = doubleOf(m.heap, args[0]!, `math.${name}`);
    const r = f(x);
    if (Number.isNaN(r) && !Number.isNaN(x)) throw new Unsupported(`a math.${name} domain error`);
    return m.heap.newFloat(r);
  };
}

/** math.floor / ceil / trunc: an int stays itself; a float becomes PyLong_FromDouble. */
function toInt(name: string, f: (x: number) => number): ModuleFunction {
  return (m, args) => {
    arity(`math.${name}`, args, 1, 1);
    const heap = m.heap;
    const o = args[0]!;
    if (heap.typeOf(o) === 'int') return shared(heap, o);
    if (heap.typeOf(o) !== 'float')
      throw new Unsupported(`math.${name}() of a ${heap.typeNameOf(o)}`);
    const x = heap.valueOf(o) as number;
    if (!Number.isFinite(x)) throw new Unsupported(`math.${name}() of an infinity or NaN`);
    return heap.newInt(BigInt(f(x)));
  };
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return x;
}

function product(from: bigint, to: bigint): bigint {
  let p = 1n;
  for (let i = from; i <= to; i++) p *= i;
  return p;
}

/** Factorials and combinations past this are refused (the work grows fast). */
const MAX_INTEGER_ARGUMENT = 2000n;

/** The math module. */
export const MATH_MODULE: LibraryModule = {
  functions: {
    sqrt: float1('sqrt', Math.sqrt),
    fabs: float1('fabs', Math.abs),
    floor: toInt('floor', Math.floor),
    ceil: toInt('ceil', Math.ceil),
    trunc: toInt('trunc', Math.trunc),
    fmod(m, args) {
      arity('math.fmod', args, 2, 2);
      const x = doubleOf(m.heap, args[0]!, 'math.fmod');
      const y = doubleOf(m.heap, args[1]!, 'math.fmod');
      if (y === 0 || !Number.isFinite(x)) throw new Unsupported('a math.fmod domain error');
      return m.heap.newFloat(x % y);
    },
    copysign(m, args) {
      arity('math.copysign', args, 2, 2);
      const x = doubleOf(m.heap, args[0]!, 'math.copysign');
      const y = doubleOf(m.heap, args[1]!, 'math.copysign');
      const negative = y < 0 || Object.is(y, -0);
      return m.heap.newFloat(negative ? -Math.abs(x) : Math.abs(x));
    },
    isfinite: (m, args) => m.heap.newBool(Number.isFinite(doubleOf(m.heap, args[0]!, 'isfinite'))),
    isinf(m, args) {
      const x = doubleOf(m.heap, args[0]!, 'math.isinf');
      return m.heap.newBool(x === Infinity || x === -Infinity);
    },
    isnan: (m, args) => m.heap.newBool(Number.isNaN(doubleOf(m.heap, args[0]!, 'isnan'))),
    isclose(m, args) {
      // math_isclose_impl with the default tolerances (rel_tol=1e-09, abs_tol=0.0).
      arity('math.isclose', args, 2, 2);
      const a = doubleOf(m.heap, args[0]!, 'math.isclose');
      const b = doubleOf(m.heap, args[1]!, 'math.isclose');
      if (a === b) return m.heap.newBool(true);
      if (!Number.isFinite(a) || !Number.isFinite(b)) return m.heap.newBool(false);
      const diff = Math.abs(b - a);
      return m.heap.newBool(diff <= Math.abs(1e-9 * b) || diff <= Math.abs(1e-9 * a) || diff <= 0);
    },
    gcd(m, args) {
      arity('math.gcd', args, 2, 2);
      let a = intOf(m.heap, args[0]!, 'math.gcd');
      let b = intOf(m.heap, args[1]!, 'math.gcd');
      if (a < 0n) a = -a;
      if (b < 0n) b = -b;
      while (b !== 0n) [a, b] = [b, a % b];
      return m.heap.newInt(a);
    },
    factorial(m, args) {
      arity('math.factorial', args, 1, 1);
      const n = intOf(m.heap, args[0]!, 'math.factorial');
      if (n < 0n) throw new Unsupported('math.factorial() of a negative int (its message varies)');
      if (n > MAX_INTEGER_ARGUMENT) throw new Unsupported('math.factorial() past 2000');
      return m.heap.newInt(product(1n, n));
    },
    isqrt(m, args) {
      arity('math.isqrt', args, 1, 1);
      const n = intOf(m.heap, args[0]!, 'math.isqrt');
      if (n < 0n) throw new Unsupported('math.isqrt() of a negative int');
      return m.heap.newInt(isqrt(n));
    },
    comb(m, args) {
      arity('math.comb', args, 2, 2);
      const n = intOf(m.heap, args[0]!, 'math.comb');
      const k = intOf(m.heap, args[1]!, 'math.comb');
      if (n < 0n || k < 0n) throw new Unsupported('math.comb() of a negative int');
      if (n > MAX_INTEGER_ARGUMENT) throw new Unsupported('math.comb() past 2000');
      if (k > n) return m.heap.newInt(0);
      return m.heap.newInt(product(n - k + 1n, n) / product(1n, k));
    },
    perm(m, args) {
      arity('math.perm', args, 2, 2);
      const n = intOf(m.heap, args[0]!, 'math.perm');
      const k = intOf(m.heap, args[1]!, 'math.perm');
      if (n < 0n || k < 0n) throw new Unsupported('math.perm() of a negative int');
      if (n > MAX_INTEGER_ARGUMENT) throw new Unsupported('math.perm() past 2000');
      if (k > n) return m.heap.newInt(0);
      return m.heap.newInt(product(n - k + 1n, n));
    },
  },
  // The METH_O functions (FUNC1 and clinic's one-argument functions, 3.8–3.14).
  valueFunctions: new Set([
    'sqrt',
    'fabs',
    'floor',
    'ceil',
    'trunc',
    'isfinite',
    'isinf',
    'isnan',
    'factorial',
    'isqrt',
  ]),
  attributes: (m) => ({
    pi: m.heap.newFloat(Math.PI),
    e: m.heap.newFloat(Math.E),
    tau: m.heap.newFloat(2 * Math.PI),
    inf: m.heap.newFloat(Infinity),
    nan: m.heap.newFloat(Number.NaN),
  }),
};
