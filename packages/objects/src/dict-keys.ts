/**
 * The dict keys table (`PyDictKeysObject`): how big it is and when it is replaced.
 *
 *   [header][dk_indices: size × ix bytes][dk_entries: usable × entry bytes]
 *
 *   size      a power of two ≥ 8 (PyDict_MINSIZE); log2 kept as `log2Size`
 *   ix        1 byte for size ≤ 128, 2 for ≤ 2^15 (int16 indices), 4 for ≤ 2^31, else 8
 *   usable    USABLE_FRACTION(size) = 2·size/3 (8 → 5, 16 → 10, 32 → 21 …)
 *   entry     {hash, key, value}; 3.11+ all-str ("unicode") tables drop the hash
 *
 * Growth: an insert that finds no usable entry resizes to the smallest power of two ≥
 * GROWTH_RATE = used × 3 (3.8–3.14), which compacts away deleted entries and may shrink
 * (3.10–3.13 round some sizes up one step further: see log2SizeFor).
 * Presizing (BUILD_MAP, merge into an empty dict): ESTIMATE_SIZE(n) = (3n + 1) / 2.
 * Models new_keys_object, _PyDict_KeysSize, dictresize, GROWTH_RATE, ESTIMATE_SIZE,
 * _PyDict_NewPresized / dict_new_presized, Objects/dictobject.c, 3.8 to 3.14.
 */
import type { ObjectLayout } from './layout.ts';

/** log2 of PyDict_MINSIZE (8). */
export const DICT_LOG_MINSIZE = 3;

/** `USABLE_FRACTION(size)`. */
export function usableFraction(size: number): number {
  return Math.floor((2 * size) / 3);
}

/**
 * log2 of the table dictresize builds for `minsize`: the smallest power of two ≥
 * minsize, at least 8 (3.8/3.9: dictresize's loop; 3.14 too). 3.10–3.13 compute it as
 * bit_length(((minsize | 8) − 1) | 7) (calculate_log2_keysize, the `SIZEOF_LONG ==
 * SIZEOF_SIZE_T` branch), which doubles the table when minsize is 1 … 7 or has bit 3
 * clear — measured: a dict left with one key after deletions grows into 16 slots, and
 * copying a dict with 21 live of 41 entries (ESTIMATE_SIZE 32) makes 64 slots.
 */
export function log2SizeFor(minsize: number, minor: number): number {
  if (minor >= 10 && minor <= 13) return Math.floor(Math.log2(((minsize | 8) - 1) | 7)) + 1;
  let log2 = DICT_LOG_MINSIZE;
  while (2 ** log2 < minsize) log2++;
  return log2;
}

/** `ESTIMATE_SIZE(n)` turned into a log2 size: a table that holds `n` entries with room. */
export function estimateLog2Size(n: number, minor: number): number {
  return log2SizeFor((3 * n + 1) >> 1, minor);
}

/** Bytes of one index in `dk_indices` for a table of 2**log2Size slots. */
export function indexBytes(log2Size: number): number {
  if (log2Size < 8) return 1;
  if (log2Size < 16) return 2;
  if (log2Size < 32) return 4;
  return 8;
}

/** `_PyDict_KeysSize`: bytes of a keys table (also its allocation request). */
export function dictKeysBytes(layout: ObjectLayout, log2Size: number, unicode: boolean): number {
  const size = 2 ** log2Size;
  const entry = unicode ? layout.dictUnicodeEntry : layout.dictEntry;
  return layout.dictKeysHeader + indexBytes(log2Size) * size + entry * usableFraction(size);
}

/** log2 size of `_PyDict_NewPresized(minused)`; 0 means "no table yet" (the shared empty keys). */
export function presizedLog2(minused: number, minor: number): number {
  const maxPresizeLog2 = 17; // max_presize = 128 * 1024 slots
  if (minused <= usableFraction(8)) return 0;
  if (minused > usableFraction(2 ** maxPresizeLog2)) return maxPresizeLog2;
  return estimateLog2Size(minused, minor);
}
