export { AddressTable } from './address-table.ts';
export {
  type ArenaAllocator,
  createAddressModel,
  type RawAllocator,
} from './allocators.ts';
export {
  blockSize,
  blocksPerPool,
  OBMALLOC_CONSTANTS,
  type ObmallocConstants,
  quantizationPerPool,
  type RadixTreeGeometry,
  sizeClassIndex,
} from './constants.ts';
export type { ObmallocEvent, ObmallocListener } from './events.ts';
export {
  type ArenaInfo,
  type ArenaSummary,
  arenaContaining,
  arenaInfo,
  arenaObjectCount,
  arenasAllocated,
  BlockState,
  type BlockStateCode,
  type ClassUsage,
  type FreeListOrder,
  forEachCarvedPool,
  hexAddress,
  lastArenaInUse,
  type OutsidePymalloc,
  outsidePymalloc,
  type PoolInfo,
  poolBlockStates,
  poolFreeList,
  poolInfo,
  summarizeArenas,
} from './inspect.ts';
export {
  Obmalloc,
  ObmallocCheckpoint,
  ObmallocError,
  type ObmallocOptions,
} from './obmalloc.ts';
export {
  collectMallocStats,
  formatMallocStats,
  type MallocStats,
  type SizeClassStats,
} from './stats.ts';
export { type ValidationTier, validateObmalloc } from './validate.ts';
