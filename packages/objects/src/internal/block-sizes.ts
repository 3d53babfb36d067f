/**
 * The heap's record of its blocks: address → bytes requested, with the part of the
 * `Map` interface the heap and its validator use.
 *
 *   address = region · 2^20 + slot · 8 (+ an unaligned rest, kept in `others`)
 *   regions: Map<region, { sizes: Int32Array(2^17), used }>   sizes[slot] = bytes + 1, 0: none
 *
 * Addresses are 47-bit numbers, which a `Map` would hash as boxed doubles (slow, and
 * an allocation per key); pymalloc's blocks are 8-byte aligned (16 on 64-bit since
 * 3.8), so a packed array per 1 MiB region holds them without allocating. A region
 * is dropped when it empties; an address that is not 8-byte aligned goes to `others`.
 * Invariant: `size` = Σ region.used + others.size, and region.used = the number of
 * non-zero entries of region.sizes.
 */
const REGION = 2 ** 20;
const SLOTS = REGION / 8;

interface Region {
  readonly sizes: Int32Array;
  used: number;
}

/** Bytes requested per block address; see the module comment. */
export class BlockSizes {
  private readonly regions: Map<number, Region> = new Map();
  private readonly others: Map<number, number> = new Map();
  private count = 0;
  // The last region used: consecutive blocks mostly share one.
  private lastKey = -1;
  private lastRegion: Region | undefined = undefined;
  // An emptied region (every entry 0, used 0), reused by the next new region.
  private spare: Region | undefined = undefined;

  private region(key: number): Region | undefined {
    if (key === this.lastKey) return this.lastRegion;
    const region = this.regions.get(key);
    if (region !== undefined) {
      this.lastKey = key;
      this.lastRegion = region;
    }
    return region;
  }

  /** Number of blocks recorded. */
  get size(): number {
    return this.count + this.others.size;
  }

  /** The bytes requested for the block at `address`, or undefined. */
  get(address: number): number | undefined {
    // The offset in the region is a small integer: no floating-point remainder (fmod)
    // of the 47-bit address, which V8 holds as a double.
    const key = Math.floor(address / REGION);
    const offset = address - key * REGION;
    if ((offset & 7) !== 0) return this.others.get(address);
    const region = this.region(key);
    if (region === undefined) return undefined;
    const stored = region.sizes[offset >> 3]!;
    return stored === 0 ? undefined : stored - 1;
  }

  /** True when a block at `address` is recorded. */
  has(address: number): boolean {
    return this.get(address) !== undefined;
  }

  /** Records (or updates) the block at `address`. */
  set(address: number, nbytes: number): void {
    const key = Math.floor(address / REGION);
    const offset = address - key * REGION;
    if ((offset & 7) !== 0) {
      this.others.set(address, nbytes);
      return;
    }
    let region = this.region(key);
    if (region === undefined) {
      region = this.spare ?? { sizes: new Int32Array(SLOTS), used: 0 };
      this.spare = undefined;
      this.regions.set(key, region);
    }
    const slot = offset >> 3;
    if (region.sizes[slot] === 0) {
      region.used++;
      this.count++;
    }
    region.sizes[slot] = nbytes + 1;
  }

  /** Forgets the block at `address` (no-op when absent). */
  delete(address: number): void {
    const key = Math.floor(address / REGION);
    const offset = address - key * REGION;
    if ((offset & 7) !== 0) {
      this.others.delete(address);
      return;
    }
    const region = this.region(key);
    const slot = offset >> 3;
    if (region === undefined || region.sizes[slot] === 0) return;
    region.sizes[slot] = 0;
    this.count--;
    if (--region.used === 0) {
      this.regions.delete(key);
      this.spare = region;
      if (this.lastKey === key) {
        this.lastKey = -1;
        this.lastRegion = undefined;
      }
    }
  }

  /** Every (address, bytes) pair: aligned ones region by region, then the others. */
  *[Symbol.iterator](): IterableIterator<[number, number]> {
    for (const [key, region] of this.regions) {
      const sizes = region.sizes;
      for (let slot = 0; slot < SLOTS; slot++) {
        const stored = sizes[slot]!;
        if (stored !== 0) yield [key * REGION + slot * 8, stored - 1];
      }
    }
    yield* this.others;
  }
}
