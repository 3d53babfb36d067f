/**
 * list.sort's order and its merge memory (`pymem run`): CPython's timsort run by run,
 * so that the temporary arrays it allocates are the ones CPython allocates.
 *
 *   runs      count_run from each position (3.8–3.12: an ascending or strictly
 *             descending run, the latter reversed; 3.13: descending runs with equal
 *             stretches, then extended by an ascending tail), a short run extended
 *             to minrun by binary insertion (stable)
 *   merges    3.8–3.10 merge_collapse (the run-length invariants), 3.11+ powersort
 *             (found_new_run: merge while the previous boundary's power is greater);
 *             at the end merge_force_collapse
 *   merge_at  gallop_right trims A's head (items ≤ B's first), gallop_left B's tail
 *             (items ≥ A's last); the smaller remaining side is copied to merge
 *             memory: merge_getmem(need) — nothing while need fits (256 pointers in
 *             the MergeState's temparray without a key function; with one, at most
 *             128 keys, and values beside them), else the old heap array is freed and
 *             a new one of need pointers (twice that with a key function) is
 *             PyMem_Malloc'd
 *   end       merge_freemem: the last heap array is freed
 *
 * The order of the result is the stable order of the items (whatever the merges, a
 * stable merge of stable runs gives it); only the run boundaries and the trimmed sizes
 * decide the memory, and both follow from the items alone (a gallop's result does not
 * depend on its search path). Invariant: `a` holds a permutation of 0 … n−1, and every
 * pending run is a stably sorted stretch of it.
 * Models Objects/listobject.c list_sort_impl, count_run, merge_compute_minrun,
 * merge_collapse / found_new_run + powerloop, merge_force_collapse, merge_at,
 * merge_getmem and merge_freemem, 3.8–3.14 (checked against tracemalloc's peak on the
 * live interpreters and Pyodide's 3.14.2 on wasm32: list-sort.test.ts).
 */

/** A pending run: its first position, its length, and (3.11+) its boundary's power. */
interface Run {
  base: number;
  len: number;
  power: number;
}

/** The merge memory of one sort: each heap array's size in bytes, in allocation order. */
export interface SortMemory {
  /** The stable order: old positions by new position. */
  readonly order: number[];
  /** Bytes of each merge array PyMem_Malloc'd, in order (each frees the one before). */
  readonly arrays: readonly number[];
}

/** The MergeState's temparray: MERGESTATE_TEMP_SIZE pointers. */
const TEMP_SIZE = 256;

/** merge_compute_minrun: n's 6 top bits, plus 1 if any bit shifted out is set. */
function minrun(n: number): number {
  let r = 0;
  let m = n;
  while (m >= 64) {
    r |= m & 1;
    m >>= 1;
  }
  return m + r;
}

/** powerloop (3.11+): the power of the boundary between runs [s1, s1+n1) and the next n2 items. */
function powerloop(s1: number, n1: number, n2: number, n: number): number {
  let a = 2 * s1 + n1;
  let b = a + n1 + n2;
  let result = 0;
  for (;;) {
    result++;
    if (a >= n) {
      a -= n;
      b -= n;
    } else if (b >= n) break;
    a *= 2;
    b *= 2;
  }
  return result;
}

function reverse(a: number[], from: number, to: number): void {
  for (let i = from, j = to - 1; i < j; i++, j--) {
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}

/**
 * The stable order of `n` items and the merge memory CPython's listsort allocates for
 * it. `lt(x, y)`: item x sorts before item y (positions in the input, which is already
 * reversed when `reverse=True` reverses it first). `keyed`: a key function is given.
 * `minor` picks the version's runs and merges (3.14 as 3.13).
 */
export function listsort(
  n: number,
  lt: (x: number, y: number) => boolean,
  minor: number,
  keyed: boolean,
  pointerSize = 8,
): SortMemory {
  const a = Array.from({ length: n }, (_, i) => i);
  const arrays: number[] = [];
  if (n < 2) return { order: a, arrays };
  let alloced = keyed ? Math.min((n + 1) >> 1, TEMP_SIZE / 2) : TEMP_SIZE;
  const runs: Run[] = [];
  const compare = (x: number, y: number): number => (lt(x, y) ? -1 : lt(y, x) ? 1 : 0);

  const countRun = (lo: number, remaining: number): number => {
    if (minor <= 12) {
      if (remaining === 1) return 1;
      let k = 2;
      if (lt(a[lo + 1]!, a[lo]!)) {
        while (k < remaining && lt(a[lo + k]!, a[lo + k - 1]!)) k++;
        reverse(a, lo, lo + k);
      } else {
        while (k < remaining && !lt(a[lo + k]!, a[lo + k - 1]!)) k++;
      }
      return k;
    }
    let k = 1;
    while (k < remaining && !lt(a[lo + k]!, a[lo + k - 1]!)) k++;
    if (k === remaining) return k;
    if (k > 1) {
      if (lt(a[lo]!, a[lo + k - 1]!)) return k;
      reverse(a, lo, lo + k);
    }
    k++;
    let equal = 0;
    const reverseEqual = (): void => {
      if (equal === 0) return;
      reverse(a, lo + k - equal - 1, lo + k);
      equal = 0;
    };
    for (; k < remaining; k++) {
      if (lt(a[lo + k]!, a[lo + k - 1]!)) reverseEqual();
      else if (lt(a[lo + k - 1]!, a[lo + k]!)) break;
      else equal++;
    }
    reverseEqual();
    reverse(a, lo, lo + k);
    while (k < remaining && !lt(a[lo + k]!, a[lo + k - 1]!)) k++;
    return k;
  };

  const getmem = (need: number): void => {
    if (need <= alloced) return;
    arrays.push((keyed ? 2 : 1) * need * pointerSize);
    alloced = need;
  };

  const mergeAt = (i: number): void => {
    const A = runs[i]!;
    const B = runs[i + 1]!;
    const baseA = A.base;
    const na = A.len;
    const nb = B.len;
    A.len = na + nb;
    runs.splice(i + 1, 1);
    // gallop_right: A's items not after B's first stay where they are.
    const first = a[baseA + na]!;
    let low = 0;
    let high = na;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (lt(first, a[baseA + mid]!)) high = mid;
      else low = mid + 1;
    }
    const restA = na - low;
    if (restA > 0) {
      // gallop_left: B's items not before A's last stay where they are.
      const last = a[baseA + na - 1]!;
      let lowB = 0;
      let highB = nb;
      while (lowB < highB) {
        const mid = (lowB + highB) >> 1;
        if (lt(a[baseA + na + mid]!, last)) lowB = mid + 1;
        else highB = mid;
      }
      if (lowB > 0) getmem(Math.min(restA, lowB));
    }
    // The stable merge of the two runs.
    const left = a.slice(baseA, baseA + na);
    const right = a.slice(baseA + na, baseA + na + nb);
    let p = 0;
    let q = 0;
    let out = baseA;
    while (p < left.length && q < right.length)
      a[out++] = lt(right[q]!, left[p]!) ? right[q++]! : left[p++]!;
    while (p < left.length) a[out++] = left[p++]!;
    while (q < right.length) a[out++] = right[q++]!;
  };

  const minRun = minrun(n);
  let lo = 0;
  let remaining = n;
  while (remaining > 0) {
    let len = countRun(lo, remaining);
    if (len < minRun) {
      const force = Math.min(remaining, minRun);
      const sorted = a.slice(lo, lo + force).sort(compare);
      for (let k = 0; k < force; k++) a[lo + k] = sorted[k]!;
      len = force;
    }
    if (minor >= 11 && runs.length > 0) {
      const top = runs[runs.length - 1]!;
      const power = powerloop(top.base, top.len, len, n);
      while (runs.length > 1 && runs[runs.length - 2]!.power > power) mergeAt(runs.length - 2);
      runs[runs.length - 1]!.power = power;
    }
    runs.push({ base: lo, len, power: 0 });
    if (minor <= 10) {
      // merge_collapse: restore len[-3] > len[-2] + len[-1] and len[-2] > len[-1].
      while (runs.length > 1) {
        let k = runs.length - 2;
        const p = runs;
        if (
          (k > 0 && p[k - 1]!.len <= p[k]!.len + p[k + 1]!.len) ||
          (k > 1 && p[k - 2]!.len <= p[k - 1]!.len + p[k]!.len)
        ) {
          if (p[k - 1]!.len < p[k + 1]!.len) k--;
          mergeAt(k);
        } else if (p[k]!.len <= p[k + 1]!.len) mergeAt(k);
        else break;
      }
    }
    lo += len;
    remaining -= len;
  }
  while (runs.length > 1) {
    let k = runs.length - 2;
    if (k > 0 && runs[k - 1]!.len < runs[k + 1]!.len) k--;
    mergeAt(k);
  }
  return { order: a, arrays };
}
