/**
 * Python's `hash()` of the hashable built-in values, as the set table needs it.
 *
 *   int      value mod P (P = 2^61 − 1 on 64-bit, 2^31 − 1 on 32-bit), sign kept,
 *            −1 → −2                                         (long_hash)
 *   float    integral → the int's hash; otherwise the mantissa folded 28 bits at a
 *            time and rotated by the exponent, mod P          (_Py_HashDouble)
 *   bool     0 / 1
 *   tuple    xxHash-style accumulation of the items' hashes  (tuplehash, 3.8+)
 *   str, bytes, None, frozenset — NOT the real values: str and bytes hashes are
 *            randomized per process (SipHash with a random key), None's is an address
 *            before 3.12; a deterministic stand-in is used (FNV-1a of the text).
 *
 * Results are returned as the table sees them: `Py_hash_t` reinterpreted as an
 * unsigned machine word (64 or 32 bits), as a bigint. Models long_hash
 * (Objects/longobject.c), _Py_HashDouble (Python/pyhash.c) and tuplehash
 * (Objects/tupleobject.c), 3.8 to 3.14.
 */

/** A hashable value as the heap describes it. */
export type HashableValue =
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'tuple'; readonly items: readonly bigint[] };

/** `hash(value)` as a signed Py_hash_t (bigint) for a build with `pointerSize`-byte words. */
export function pythonHash(value: HashableValue, pointerSize: 4 | 8): bigint {
  const bits = BigInt(pointerSize * 8);
  const modulusBits = pointerSize === 8 ? 61n : 31n;
  const P = (1n << modulusBits) - 1n;
  switch (value.kind) {
    case 'int':
      return intHash(value.value, P);
    case 'float':
      return floatHash(value.value, P, modulusBits);
    case 'text':
      return BigInt.asIntN(Number(bits), fnv1a(value.text, bits));
    case 'tuple':
      return tupleHash(value.items, bits);
  }
}

/** The unsigned word a table indexes with (`(size_t)hash`). */
export function hashWord(hash: bigint, pointerSize: 4 | 8): bigint {
  return BigInt.asUintN(pointerSize * 8, hash);
}

function intHash(v: bigint, P: bigint): bigint {
  const magnitude = (v < 0n ? -v : v) % P;
  const h = v < 0n ? -magnitude : magnitude;
  return h === -1n ? -2n : h;
}

function floatHash(v: number, P: bigint, modulusBits: bigint): bigint {
  if (Number.isInteger(v)) return intHash(BigInt(v), P);
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 0n : v > 0 ? 314159n : -314159n;
  let [m, e] = frexp(v);
  let sign = 1n;
  if (m < 0) {
    sign = -1n;
    m = -m;
  }
  let x = 0n;
  while (m) {
    x = ((x << 28n) & P) | (x >> (modulusBits - 28n));
    m *= 2 ** 28;
    e -= 28;
    const y = Math.floor(m);
    m -= y;
    x += BigInt(y);
    if (x >= P) x -= P;
  }
  const bitsN = Number(modulusBits);
  const shift = BigInt(e >= 0 ? e % bitsN : bitsN - 1 - ((-1 - e) % bitsN));
  x = ((x << shift) & P) | (x >> (modulusBits - shift));
  x *= sign;
  return x === -1n ? -2n : x;
}

/** frexp: v = m · 2^e with 0.5 ≤ |m| < 1. */
function frexp(v: number): [number, number] {
  let e = Math.max(-1073, Math.floor(Math.log2(Math.abs(v))) + 1);
  let m = v * 2 ** -e;
  while (Math.abs(m) < 0.5) {
    m *= 2;
    e--;
  }
  while (Math.abs(m) >= 1) {
    m /= 2;
    e++;
  }
  return [m, e];
}

function tupleHash(items: readonly bigint[], bits: bigint): bigint {
  const n = Number(bits);
  const [prime1, prime2, prime5, rotate] =
    bits === 64n
      ? [11400714785074694791n, 14029467366897019727n, 2870177450012600261n, 31n]
      : [2654435761n, 2246822519n, 374761393n, 13n];
  const mask = (1n << bits) - 1n;
  let acc = prime5;
  for (const item of items) {
    acc = (acc + BigInt.asUintN(n, item) * prime2) & mask;
    acc = ((acc << rotate) | (acc >> (bits - rotate))) & mask;
    acc = (acc * prime1) & mask;
  }
  acc = (acc + (BigInt(items.length) ^ (prime5 ^ 3527539n))) & mask;
  if (acc === mask) return 1546275796n;
  return BigInt.asIntN(n, acc);
}

function fnv1a(text: string, bits: bigint): bigint {
  const mask = (1n << bits) - 1n;
  let h = 0xcbf29ce484222325n & mask;
  for (const ch of text) {
    h ^= BigInt(ch.codePointAt(0)!);
    h = (h * 0x100000001b3n) & mask;
  }
  return h;
}
