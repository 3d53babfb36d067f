/**
 * `import random`: CPython's Mersenne Twister (MT19937) and the Random methods built on
 * it, giving the exact sequences of 3.8–3.13 once the program seeds with an int.
 *
 *   seed(n)            abs(n) split into 32-bit words (least significant first, at
 *                      least one), then init_by_array (random_seed, _randommodule.c)
 *   random()           (a·2²⁶ + b) / 2⁵³ with a = next >> 5, b = next >> 6 — a new float
 *   getrandbits(k)     k ≤ 32: next >> (32 − k); wider: 32-bit words, least first
 *   _randbelow(n)      k = n.bit_length(), getrandbits(k) until below n
 *   randrange/randint  start + step · _randbelow(count); a new int
 *   choice(seq)        seq[_randbelow(len(seq))]: the item itself
 *   shuffle(x)         i from len−1 down to 1: swap x[i] and x[_randbelow(i + 1)]
 *   sample(pop, k)     [None] * k (an exact-size list) filled by the pool method when
 *                      len(pop) ≤ the set-size bound, else by rejection on a set; a
 *                      range's picks are new ints
 *   uniform(a, b)      a + (b − a) · random()
 *
 * Before a seed the generator holds os.urandom's state: its results are refused. What
 * random.py allocates on the way (bound methods, the pool list, the selected set) is
 * not kept and, after a library import, not observable (ids are refused). Models
 * Modules/_randommodule.c (genrand_uint32, init_by_array, random_random,
 * _random_Random_getrandbits_impl) and Lib/random.py, 3.8–3.13.
 */
import type { Heap, ObjectHandle } from '@pymem/objects';
import { PythonError, Unsupported } from './errors.ts';
import type { Machine } from './machine.ts';
import type { LibraryModule, ModuleFunction } from './module-math.ts';
import { shared } from './operations.ts';
import { rangeValues } from './values.ts';

const N = 624;
const M = 397;

/** MT19937's state, as _randommodule.c's RandomObject holds it. */
export class MersenneTwister {
  private readonly state = new Uint32Array(N);
  private index = N + 1;

  /** init_genrand(s). */
  private initGenrand(s: number): void {
    const mt = this.state;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.index = N;
  }

  /** init_by_array(key): the seeding random_seed does. */
  seedWords(key: readonly number[]): void {
    const mt = this.state;
    this.initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(prev, 1664525)) + key[j]! + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  /** genrand_uint32: the next 32-bit output. */
  next(): number {
    const mt = this.state;
    if (this.index >= N) {
      const twist = (a: number, b: number, c: number) => {
        const y = (a & 0x80000000) | (b & 0x7fffffff);
        return (c ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0)) >>> 0;
      };
      let kk = 0;
      for (; kk < N - M; kk++) mt[kk] = twist(mt[kk]!, mt[kk + 1]!, mt[kk + M]!);
      for (; kk < N - 1; kk++) mt[kk] = twist(mt[kk]!, mt[kk + 1]!, mt[kk + (M - N)]!);
      mt[N - 1] = twist(mt[N - 1]!, mt[0]!, mt[M - 1]!);
      this.index = 0;
    }
    let y = mt[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** random_random: a double in [0, 1) from 53 bits. */
  random(): number {
    const a = this.next() >>> 5;
    const b = this.next() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** getrandbits(k) for k ≥ 0. */
  getrandbits(k: number): bigint {
    if (k === 0) return 0n;
    if (k <= 32) return BigInt(this.next() >>> (32 - k));
    let result = 0n;
    let shift = 0n;
    for (let left = k; left > 0; left -= 32) {
      let word = this.next();
      if (left < 32) word >>>= 32 - left;
      result |= BigInt(word) << shift;
      shift += 32n;
    }
    return result;
  }

  /** Random._randbelow_with_getrandbits(n). */
  randbelow(n: bigint): bigint {
    if (n <= 0n) return 0n;
    const k = n.toString(2).length;
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }
}

/** Each machine's generator, once the program seeded it. */
const generators = new WeakMap<Machine, MersenneTwister>();

function generator(m: Machine, name: string): MersenneTwister {
  const g = generators.get(m);
  if (g === undefined)
    throw new Unsupported(`random.${name}() before random.seed(n) (os.urandom's state)`);
  return g;
}

function arity(name: string, args: readonly ObjectHandle[], min: number, max: number): void {
  if (args.length < min || args.length > max)
    throw new Unsupported(`random.${name}() with ${args.length} arguments`);
}

function intOf(heap: Heap, o: ObjectHandle, name: string): bigint {
  const t = heap.typeOf(o);
  if (t !== 'int') throw new Unsupported(`random.${name}() of a ${heap.typeNameOf(o)}`);
  return heap.valueOf(o) as bigint;
}

function floatOf(heap: Heap, o: ObjectHandle, name: string): number {
  const t = heap.typeOf(o);
  if (t === 'float') return heap.valueOf(o) as number;
  if (t === 'int') {
    const v = heap.valueOf(o) as bigint;
    if (v > 2n ** 53n || v < -(2n ** 53n)) throw new Unsupported(`random.${name}() of a big int`);
    return Number(v);
  }
  throw new Unsupported(`random.${name}() of a ${heap.typeNameOf(o)}`);
}

/** Random.randrange(start, stop, step) for ints (a ValueError for an empty range is refused). */
function randrange(g: MersenneTwister, start: bigint, stop: bigint | null, step: bigint): bigint {
  if (stop === null) {
    if (start <= 0n) throw new Unsupported('random.randrange() of an empty range');
    return g.randbelow(start);
  }
  const width = stop - start;
  if (step === 1n) {
    if (width <= 0n) throw new Unsupported('random.randrange() of an empty range');
    return start + g.randbelow(width);
  }
  if (step === 0n) throw new Unsupported('random.randrange() with a zero step');
  const n = step > 0n ? (width + step - 1n) / step : (width + step + 1n) / step;
  if (n <= 0n) throw new Unsupported('random.randrange() of an empty range');
  return start + step * g.randbelow(n);
}

/** The items of a list or tuple argument. */
function sequence(heap: Heap, o: ObjectHandle, name: string): readonly ObjectHandle[] {
  const t = heap.typeOf(o);
  if (t !== 'list' && t !== 'tuple') throw new Unsupported(`random.${name}() of a ${t}`);
  return heap.referents(o);
}

const functions: Record<string, ModuleFunction> = {
  seed(m, args) {
    arity('seed', args, 1, 1);
    let n = intOf(m.heap, args[0]!, 'seed');
    if (n < 0n) n = -n;
    const key: number[] = [];
    do {
      key.push(Number(n & 0xffffffffn));
      n >>= 32n;
    } while (n > 0n);
    const g = new MersenneTwister();
    g.seedWords(key);
    generators.set(m, g);
    return m.heap.newNone();
  },
  random(m, args) {
    arity('random', args, 0, 0);
    return m.heap.newFloat(generator(m, 'random').random());
  },
  getrandbits(m, args) {
    arity('getrandbits', args, 1, 1);
    const k = intOf(m.heap, args[0]!, 'getrandbits');
    if (k < 0n || k > 100_000n) throw new Unsupported('random.getrandbits() of this width');
    return m.heap.newInt(generator(m, 'getrandbits').getrandbits(Number(k)));
  },
  randrange(m, args) {
    arity('randrange', args, 1, 3);
    const heap = m.heap;
    const v = args.map((a) => intOf(heap, a, 'randrange'));
    const g = generator(m, 'randrange');
    return heap.newInt(randrange(g, v[0]!, v[1] ?? null, v[2] ?? 1n));
  },
  randint(m, args) {
    arity('randint', args, 2, 2);
    const heap = m.heap;
    const a = intOf(heap, args[0]!, 'randint');
    const b = intOf(heap, args[1]!, 'randint');
    return heap.newInt(randrange(generator(m, 'randint'), a, b + 1n, 1n));
  },
  choice(m, args) {
    arity('choice', args, 1, 1);
    const heap = m.heap;
    // A str: seq[i] is the character (unicode_getitem: the cached latin-1 str, else new).
    const chars = heap.typeOf(args[0]!) === 'str' ? [...(heap.valueOf(args[0]!) as string)] : null;
    const items = chars ?? sequence(heap, args[0]!, 'choice');
    // 3.9/3.10 index the empty sequence (seq[_randbelow(0)]: seq[0]); 3.8 and 3.11+
    // raise their own IndexError.
    if (items.length === 0)
      throw m.minor === 9 || m.minor === 10
        ? new PythonError(
            'IndexError',
            `${chars !== null ? 'string' : heap.typeOf(args[0]!)} index out of range`,
          )
        : new PythonError('IndexError', 'Cannot choose from an empty sequence');
    const i = Number(generator(m, 'choice').randbelow(BigInt(items.length)));
    return chars !== null ? heap.newStr(chars[i]!) : shared(heap, items[i] as ObjectHandle);
  },
  shuffle(m, args) {
    arity('shuffle', args, 1, 1);
    const heap = m.heap;
    const x = args[0]!;
    if (heap.typeOf(x) !== 'list') throw new Unsupported('random.shuffle() of a non-list');
    const g = generator(m, 'shuffle');
    const order = heap.referents(x).map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Number(g.randbelow(BigInt(i + 1)));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    heap.listReorder(x, order);
    return heap.newNone();
  },
  sample(m, args) {
    arity('sample', args, 2, 2);
    const heap = m.heap;
    // A range's items are ints made as they are read (range_item; list(range) for the
    // pool): the picks are new ints of their values.
    const isRange = heap.typeOf(args[0]!) === 'range';
    const population = isRange ? [] : sequence(heap, args[0]!, 'sample');
    const [start, , step, length] = isRange ? rangeValues(heap, args[0]!) : [0n, 0n, 1n, 0n];
    const k = Number(intOf(heap, args[1]!, 'sample'));
    const n = isRange ? Number(length) : population.length;
    if (k < 0 || k > n) throw new Unsupported('random.sample() larger than the population');
    const g = generator(m, 'sample');
    let setsize = 21;
    if (k > 5) setsize += 4 ** Math.ceil(Math.log(k * 3) / Math.log(4));
    const picked: number[] = [];
    if (n <= setsize) {
      const pool = Array.from({ length: n }, (_, i) => i);
      for (let i = 0; i < k; i++) {
        const j = Number(g.randbelow(BigInt(n - i)));
        picked.push(pool[j]!);
        pool[j] = pool[n - i - 1]!;
      }
    } else {
      const selected = new Set<number>();
      for (let i = 0; i < k; i++) {
        let j = Number(g.randbelow(BigInt(n)));
        while (selected.has(j)) j = Number(g.randbelow(BigInt(n)));
        selected.add(j);
        picked.push(j);
      }
    }
    // `[None] * k`: list_repeat, an exact-size list; the picks replace the Nones.
    const none = heap.newNone();
    const scratch = heap.newList([none]);
    heap.decref(none);
    const result = heap.listRepeat(scratch, k);
    heap.decref(scratch);
    for (const [i, at] of picked.entries()) {
      if (!isRange) {
        heap.listSetItem(result, i, population[at]!);
        continue;
      }
      const item = heap.newInt(start + step * BigInt(at));
      heap.listSetItem(result, i, item);
      heap.decref(item);
    }
    return result;
  },
  uniform(m, args) {
    arity('uniform', args, 2, 2);
    const heap = m.heap;
    const a = floatOf(heap, args[0]!, 'uniform');
    const b = floatOf(heap, args[1]!, 'uniform');
    return heap.newFloat(a + (b - a) * generator(m, 'uniform').random());
  },
};

/** The random module. */
export const RANDOM_MODULE: LibraryModule = { functions };
