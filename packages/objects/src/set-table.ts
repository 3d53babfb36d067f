/**
 * The set hash table: `mask + 1` entries of {key, hash}; tables of PySet_MINSIZE (8)
 * entries live inside the object (`smalltable`), bigger ones are a separate
 * PyMem_Malloc block of `(mask + 1) × sizeof(setentry)` bytes.
 *
 *   after an insert:  fill·5 ≥ mask·3  → set_table_resize(used > 50000 ? used·2 : used·4)
 *   set_merge:        (fill + other.used)·5 ≥ mask·3 → set_table_resize((used + other.used)·2)
 *   set_table_resize(minused): the smallest power of two > minused (at least 8);
 *                     dummies are dropped (fill = used).
 *
 * Models set_add_entry, set_table_resize, set_merge, Objects/setobject.c, 3.8 to 3.14.
 */

/** Table size chosen by `set_table_resize(minused)`. */
export function setTableSize(minused: number): number {
  let size = 8;
  while (size <= minused) size *= 2;
  return size;
}

/** True when `set_add_entry` resizes after reaching `fill` in a table of mask `mask`. */
export function setNeedsResize(fill: number, mask: number): boolean {
  return fill * 5 >= mask * 3;
}

/** The `minused` argument `set_add_entry` passes to set_table_resize. */
export function setGrowthTarget(used: number): number {
  return used > 50000 ? used * 2 : used * 4;
}

/** Linear probes before a perturbed jump (LINEAR_PROBES). */
const LINEAR_PROBES = 9;
/** Bits shifted out of `perturb` per jump (PERTURB_SHIFT). */
const PERTURB_SHIFT = 5n;
/** Marks a deleted entry (CPython's `dummy` key, hash −1). */
export const DUMMY = -1;

/**
 * A set's hash table, slot for slot: `keys[i]` is a key handle, 0 (empty) or DUMMY;
 * `hashes[i]` its hash as an unsigned machine word. Keys are never compared here:
 * the heap only inserts keys it knows are absent and finds a present key by handle.
 *
 * Invariants: used = active slots; fill = active + dummy slots; mask + 1 = slots.
 * Models set_add_entry, set_insert_clean, set_table_resize, set_discard_entry and
 * set_merge's table copy, Objects/setobject.c, 3.8 to 3.14.
 */
export class SetTable {
  /** Slots − 1. */
  mask = 7;
  /** Active + dummy slots. */
  fill = 0;
  /** Active slots. */
  used = 0;
  /** Key handle per slot; 0 empty, DUMMY deleted. */
  keys: Int32Array = new Int32Array(8);
  /** Hash per slot (unsigned word). */
  hashes: BigUint64Array = new BigUint64Array(8);
  private readonly wordBits: bigint;
  private readonly reuseDummies: boolean;

  /** An empty 8-slot table; `minor` selects the dummy-reuse rule (none on 3.9). */
  constructor(pointerSize: 4 | 8, minor: number) {
    this.wordBits = BigInt(pointerSize * 8);
    this.reuseDummies = minor !== 9;
  }

  /**
   * set_add_entry for an absent key: the LAST dummy met on the probe sequence before
   * its first empty slot, or that empty slot (measured: after {0,1,2,3} − {0,1},
   * adding 0 takes slot 1, and adding 1 then meets no dummy, so the table grows). 3.9
   * reuses no dummy at all (measured). Returns true when an empty slot was used (fill
   * grew, so the caller checks for a resize).
   */
  insert(handle: number, hash: bigint): boolean {
    let freeslot = -1;
    const mask = BigInt(this.mask);
    let perturb = hash;
    let i = Number(hash & mask);
    for (;;) {
      let probes = i + LINEAR_PROBES <= this.mask ? LINEAR_PROBES : 0;
      let j = i;
      do {
        const key = this.keys[j]!;
        if (key === 0) {
          const slot = freeslot >= 0 ? freeslot : j;
          this.keys[slot] = handle;
          this.hashes[slot] = hash;
          this.used++;
          if (freeslot >= 0) return false;
          this.fill++;
          return true;
        }
        if (key === DUMMY && this.reuseDummies) freeslot = j;
        j++;
      } while (probes-- > 0);
      perturb >>= PERTURB_SHIFT;
      i = Number((BigInt(i) * 5n + 1n + perturb) & mask);
    }
  }

  /** The slot holding `handle` (found along the probe sequence of `hash`), or −1. */
  find(handle: number, hash: bigint): number {
    const mask = BigInt(this.mask);
    let perturb = hash;
    let i = Number(hash & mask);
    for (;;) {
      let probes = i + LINEAR_PROBES <= this.mask ? LINEAR_PROBES : 0;
      let j = i;
      do {
        const key = this.keys[j]!;
        if (key === 0) return -1;
        if (key === handle) return j;
        j++;
      } while (probes-- > 0);
      perturb >>= PERTURB_SHIFT;
      i = Number((BigInt(i) * 5n + 1n + perturb) & mask);
    }
  }

  /** set_discard_entry: the slot becomes a dummy. */
  discard(slot: number): void {
    this.keys[slot] = DUMMY;
    this.hashes[slot] = BigInt.asUintN(Number(this.wordBits), -1n);
    this.used--;
  }

  /** set_table_resize(minused): a table of setTableSize(minused) slots, active keys re-inserted in slot order. */
  resize(minused: number): void {
    const oldKeys = this.keys;
    const oldHashes = this.hashes;
    const size = setTableSize(minused);
    this.keys = new Int32Array(size);
    this.hashes = new BigUint64Array(size);
    this.mask = size - 1;
    this.fill = this.used;
    for (let slot = 0; slot < oldKeys.length; slot++) {
      const key = oldKeys[slot]!;
      if (key !== 0 && key !== DUMMY) this.insertClean(key, oldHashes[slot]!);
    }
  }

  /** set_insert_clean: into a table known to have no dummies and no equal key. */
  insertClean(handle: number, hash: bigint): void {
    const mask = BigInt(this.mask);
    let perturb = hash;
    let i = Number(hash & mask);
    for (;;) {
      if (this.keys[i] === 0) {
        this.keys[i] = handle;
        this.hashes[i] = hash;
        return;
      }
      if (i + LINEAR_PROBES <= this.mask) {
        for (let j = 1; j <= LINEAR_PROBES; j++) {
          if (this.keys[i + j] === 0) {
            this.keys[i + j] = handle;
            this.hashes[i + j] = hash;
            return;
          }
        }
      }
      perturb >>= PERTURB_SHIFT;
      i = Number((BigInt(i) * 5n + 1n + perturb) & mask);
    }
  }

  /** Copies `other`'s slots (set_merge into an empty table of the same size without dummies). */
  copySlots(other: SetTable): void {
    this.keys.set(other.keys);
    this.hashes.set(other.hashes);
    this.fill = other.fill;
    this.used = other.used;
  }

  /** Active keys in slot order: how set_dealloc releases them and iteration yields them. */
  activeKeys(): number[] {
    const out: number[] = [];
    for (const key of this.keys) if (key !== 0 && key !== DUMMY) out.push(key);
    return out;
  }
}
