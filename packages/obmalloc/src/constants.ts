/**
 * pymalloc's tunables for each CPython version profile, each with its reason.
 *
 * Models the constants block of `Objects/obmalloc.c` (3.8–3.11) and
 * `Include/internal/pycore_obmalloc.h` (3.12+), for 64-bit builds with pymalloc on.
 *
 *   request n bytes (1 ≤ n ≤ 512)
 *        │  sizeClassIndex = (n - 1) >> ALIGNMENT_SHIFT
 *        ▼
 *   size class i ── block size (i + 1) * 16 ── blocks per pool = (POOL_SIZE - 48) / size
 *
 *   arena (ARENA_SIZE) = up to 64 pools (POOL_SIZE); one pool is lost to alignment
 *   when the arena's base is not a multiple of POOL_SIZE.
 *
 * Invariants (checked by constants.test.ts):
 *   1. arenaSize / poolSize == maxPoolsInArena == 64 in every profile.
 *   2. numSizeClasses * alignment == smallRequestThreshold.
 *   3. poolOverhead is sizeof(pool_header) (48) rounded up to alignment.
 *   4. blocksPerPool[i] * blockSize(i) + quantization[i] + poolOverhead == poolSize.
 */
import { PROFILE_NAMES, type ProfileName } from '@pymem/versions';

/** Radix-tree geometry (3.10+), bit widths of the three levels above ARENA_BITS. */
export interface RadixTreeGeometry {
  /** Bits indexing the static root array. */
  readonly rootBits: number;
  /** Bits indexing a mid node. */
  readonly midBits: number;
  /** Bits indexing a bottom node (one leaf per ideal arena slot). */
  readonly botBits: number;
  /** Bytes of the static root array (`# bytes lost to arena map root`). */
  readonly rootBytes: number;
  /** Bytes of one mid node. */
  readonly midBytes: number;
  /** Bytes of one bottom node. */
  readonly botBytes: number;
}

/** pymalloc's constants for one profile. All sizes in bytes. */
export interface ObmallocConstants {
  /** The profile these constants belong to. */
  readonly profile: ProfileName;
  /** `ALIGNMENT`: block sizes are multiples of this (16 on 64-bit). */
  readonly alignment: number;
  /** `ALIGNMENT_SHIFT`: log2(alignment). */
  readonly alignmentShift: number;
  /** `SMALL_REQUEST_THRESHOLD`: larger (and zero-byte) requests go to the raw allocator. */
  readonly smallRequestThreshold: number;
  /** `NB_SMALL_SIZE_CLASSES`. */
  readonly numSizeClasses: number;
  /** `POOL_SIZE`: 4 KiB (3.8, 3.9) or 16 KiB (3.10+, with the radix tree). */
  readonly poolSize: number;
  /** `ARENA_SIZE`: 256 KiB (3.8, 3.9) or 1 MiB (3.10+). */
  readonly arenaSize: number;
  /** `POOL_OVERHEAD`: the pool header, rounded up to alignment. */
  readonly poolOverhead: number;
  /** `MAX_POOLS_IN_ARENA`. */
  readonly maxPoolsInArena: number;
  /** `INITIAL_ARENA_OBJECTS`: first size of the arena-object array (then doubling). */
  readonly initialArenaObjects: number;
  /** `DUMMY_SIZE_IDX`: szidx of a freshly carved pool that has no class yet. */
  readonly dummySizeIndex: number;
  /**
   * 3.9+ (bpo-37257): a wholly free arena is kept when it is the last one in
   * `usable_arenas`, to avoid allocate/free thrashing at an arena boundary.
   */
  readonly keepLastFreeArena: boolean;
  /**
   * How `sys.getallocatedblocks()` counts: 3.8 keeps one running counter over every
   * object-allocator call; 3.9+ sums pool `ref.count`s plus raw fallbacks on demand.
   */
  readonly allocatedBlocks: 'running-counter' | 'computed';
  /** The arena map (radix tree), or null where `address_in_range` reads pool headers. */
  readonly radixTree: RadixTreeGeometry | null;
}

const SMALL_POOLS = { poolSize: 4096, arenaSize: 256 * 1024 } as const;
const LARGE_POOLS = { poolSize: 16 * 1024, arenaSize: 1024 * 1024 } as const;

/** 3.10 drops the top 16 of 64 address bits (ADDRESS_BITS = 48): 28 bits = 10 + 10 + 8. */
const RADIX_3_10: RadixTreeGeometry = radix(10, 10, 8);
/** 3.11+ keep all 64 address bits (IGNORE_BITS = 0): 44 bits = 15 + 15 + 14. */
const RADIX_3_11: RadixTreeGeometry = radix(15, 15, 14);

function radix(rootBits: number, midBits: number, botBits: number): RadixTreeGeometry {
  // A root or mid entry is one pointer (8 bytes); a bottom leaf holds two int32 tails.
  return {
    rootBits,
    midBits,
    botBits,
    rootBytes: 2 ** rootBits * 8,
    midBytes: 2 ** midBits * 8,
    botBytes: 2 ** botBits * 8,
  };
}

function constantsFor(profile: ProfileName): ObmallocConstants {
  const minor = Number(profile.split('.')[1]);
  const large = minor >= 10;
  const { poolSize, arenaSize } = large ? LARGE_POOLS : SMALL_POOLS;
  return {
    profile,
    alignment: 16,
    alignmentShift: 4,
    smallRequestThreshold: 512,
    numSizeClasses: 32,
    poolSize,
    arenaSize,
    poolOverhead: 48,
    maxPoolsInArena: arenaSize / poolSize,
    initialArenaObjects: 16,
    dummySizeIndex: 0xffff,
    keepLastFreeArena: minor >= 9,
    allocatedBlocks: minor >= 9 ? 'computed' : 'running-counter',
    radixTree: !large ? null : minor === 10 ? RADIX_3_10 : RADIX_3_11,
  };
}

/** pymalloc constants of every profile. */
export const OBMALLOC_CONSTANTS: Readonly<Record<ProfileName, ObmallocConstants>> =
  Object.fromEntries(PROFILE_NAMES.map((name) => [name, constantsFor(name)])) as Record<
    ProfileName,
    ObmallocConstants
  >;

/** Block size in bytes of size class `index` (`INDEX2SIZE`). */
export function blockSize(constants: ObmallocConstants, index: number): number {
  return (index + 1) << constants.alignmentShift;
}

/** Size class of an n-byte request, 1 ≤ n ≤ 512 (`(n - 1) >> ALIGNMENT_SHIFT`). */
export function sizeClassIndex(constants: ObmallocConstants, nbytes: number): number {
  return (nbytes - 1) >> constants.alignmentShift;
}

/** Blocks that fit in one pool of size class `index` (`NUMBLOCKS`). */
export function blocksPerPool(constants: ObmallocConstants, index: number): number {
  return Math.floor((constants.poolSize - constants.poolOverhead) / blockSize(constants, index));
}

/** Bytes at the end of one pool of size class `index` that no block can use. */
export function quantizationPerPool(constants: ObmallocConstants, index: number): number {
  return (constants.poolSize - constants.poolOverhead) % blockSize(constants, index);
}
