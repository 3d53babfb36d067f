/**
 * A hash table from addresses to small integers (event indexes): what a replay needs
 * to pair every free with its allocation. `Map` with such keys (numbers above 2³¹,
 * heap numbers in V8) boxes every key and slows down as a long replay goes on; this table keeps keys in a Float64Array and
 * values in an Int32Array, with open addressing, linear probing and backward-shift
 * deletion (no tombstones).
 *
 * Invariant: every key sits at or after its home slot with no empty slot in between
 * (cyclically), and the table is at most half full.
 */

const EMPTY = -1;

/** Address → non-negative int32 value. Address 0 is not a valid key. */
export class AddressTable {
  private keys: Float64Array;
  private values: Int32Array;
  private mask: number;
  /** Entries in the table. */
  size = 0;

  constructor(capacity = 1024) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.keys = new Float64Array(slots);
    this.values = new Int32Array(slots).fill(EMPTY);
    this.mask = slots - 1;
  }

  private home(address: number): number {
    const x = address / 16;
    const lo = x >>> 0;
    const hi = Math.floor(x / 4294967296) >>> 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h & this.mask;
  }

  /** The value stored for `address`, or −1. */
  get(address: number): number {
    for (let slot = this.home(address); ; slot = (slot + 1) & this.mask) {
      const value = this.values[slot]!;
      if (value === EMPTY) return EMPTY;
      if (this.keys[slot] === address) return value;
    }
  }

  /** Stores `value` (≥ 0) for `address`, replacing any previous value. */
  set(address: number, value: number): void {
    if ((this.size + 1) * 2 > this.values.length) this.grow();
    for (let slot = this.home(address); ; slot = (slot + 1) & this.mask) {
      const current = this.values[slot]!;
      if (current === EMPTY) {
        this.keys[slot] = address;
        this.values[slot] = value;
        this.size++;
        return;
      }
      if (this.keys[slot] === address) {
        this.values[slot] = value;
        return;
      }
    }
  }

  /** Removes `address` and returns its value, or −1 when it was absent. */
  take(address: number): number {
    let slot = this.home(address);
    for (; ; slot = (slot + 1) & this.mask) {
      const value = this.values[slot]!;
      if (value === EMPTY) return EMPTY;
      if (this.keys[slot] === address) break;
    }
    const found = this.values[slot]!;
    // Backward-shift: pull later entries of the run into the hole when their home allows.
    let hole = slot;
    for (
      let next = (hole + 1) & this.mask;
      this.values[next] !== EMPTY;
      next = (next + 1) & this.mask
    ) {
      const home = this.home(this.keys[next]!);
      const distanceToNext = (next - home) & this.mask;
      const distanceToHole = (hole - home) & this.mask;
      if (distanceToHole <= distanceToNext) {
        this.keys[hole] = this.keys[next]!;
        this.values[hole] = this.values[next]!;
        hole = next;
      }
    }
    this.values[hole] = EMPTY;
    this.size--;
    return found;
  }

  /** Calls `visit(address, value)` for every entry, in slot order. */
  forEach(visit: (address: number, value: number) => void): void {
    const keys = this.keys;
    const values = this.values;
    for (let slot = 0; slot < values.length; slot++) {
      const value = values[slot]!;
      if (value !== EMPTY) visit(keys[slot]!, value);
    }
  }

  /** An independent copy (for checkpoints). */
  clone(): AddressTable {
    const copy = new AddressTable();
    copy.copyFrom(this);
    return copy;
  }

  /** Makes this table an independent copy of `source`. */
  copyFrom(source: AddressTable): void {
    this.keys = source.keys.slice();
    this.values = source.values.slice();
    this.mask = source.mask;
    this.size = source.size;
  }

  /** Bytes held by the table's arrays. */
  get byteLength(): number {
    return this.keys.byteLength + this.values.byteLength;
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    this.keys = new Float64Array(keys.length * 2);
    this.values = new Int32Array(values.length * 2).fill(EMPTY);
    this.mask = this.values.length - 1;
    this.size = 0;
    for (let slot = 0; slot < values.length; slot++) {
      if (values[slot] !== EMPTY) this.set(keys[slot]!, values[slot]!);
    }
  }
}
