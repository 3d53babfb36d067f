/**
 * The two outside sources pymalloc draws on, as PEP 445 defines them:
 * the arena allocator (`PyObjectArenaAllocator`: mmap/munmap on Linux) and the raw
 * domain (`PyMem_RawMalloc` …: libc malloc) that takes requests pymalloc declines.
 *
 * A replay supplies both from a recording (CPython's real addresses). Without a
 * recording, {@link createAddressModel} gives a deterministic stand-in:
 *
 *   arenas  top-down from 0x7f0000001000 like Linux mmap, page-aligned but not
 *           pool-aligned (as every observed 3.10+ run); a released range is reused
 *           first (highest hole that fits).
 *   raw     bump-allocated from 0x555500000000, 16-byte aligned, a freed block of the
 *           same size is reused LIFO.
 */

/** `PyObjectArenaAllocator`: returns a base address, or 0 when it cannot. */
export interface ArenaAllocator {
  /** Allocates `size` bytes; 0 means failure (pymalloc then returns NULL). */
  alloc(size: number): number;
  /** Releases what `alloc` returned. */
  free(address: number, size: number): void;
}

/** The raw domain (`PyMem_RawMalloc` …); addresses only, nothing is stored. */
export interface RawAllocator {
  /** malloc(size); 0 means failure. */
  malloc(size: number): number;
  /** calloc with nelem * elsize == size; 0 means failure. */
  calloc(size: number): number;
  /** realloc(ptr, size); 0 means failure (ptr stays valid). */
  realloc(ptr: number, size: number): number;
  /** free(ptr). */
  free(ptr: number): void;
}

const PAGE = 4096;
const MMAP_TOP = 0x7f0000001000;
const HEAP_BASE = 0x555500000000;

/** A deterministic arena + raw address model (see the module comment). */
export function createAddressModel(): { arenas: ArenaAllocator; raw: RawAllocator } {
  let mmapLow = MMAP_TOP;
  const holes: { address: number; size: number }[] = [];
  const arenas: ArenaAllocator = {
    alloc(size) {
      const length = Math.ceil(size / PAGE) * PAGE;
      let best = -1;
      for (let i = 0; i < holes.length; i++) {
        const hole = holes[i]!;
        if (hole.size >= length && (best < 0 || hole.address > holes[best]!.address)) best = i;
      }
      if (best >= 0) {
        const hole = holes[best]!;
        const address = hole.address + hole.size - length;
        hole.size -= length;
        if (hole.size === 0) holes.splice(best, 1);
        return address;
      }
      mmapLow -= length;
      return mmapLow;
    },
    free(address, size) {
      holes.push({ address, size: Math.ceil(size / PAGE) * PAGE });
    },
  };

  let heapTop = HEAP_BASE;
  const sizes = new Map<number, number>();
  const reusable = new Map<number, number[]>();
  const rounded = (size: number) => Math.max(16, Math.ceil((size + 8) / 16) * 16);
  const take = (size: number): number => {
    const length = rounded(size);
    let address = reusable.get(length)?.pop();
    if (address === undefined) {
      address = heapTop;
      heapTop += length;
    }
    sizes.set(address, length);
    return address;
  };
  const raw: RawAllocator = {
    malloc: take,
    calloc: take,
    realloc(ptr, size) {
      if (ptr === 0) return take(size);
      const length = sizes.get(ptr);
      if (length !== undefined && rounded(size) <= length) return ptr;
      raw.free(ptr);
      return take(size);
    },
    free(ptr) {
      const length = sizes.get(ptr);
      if (length === undefined) return;
      sizes.delete(ptr);
      const list = reusable.get(length);
      if (list) list.push(ptr);
      else reusable.set(length, [ptr]);
    },
  };
  return { arenas, raw };
}
