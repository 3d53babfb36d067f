export {
  allocatedStacks,
  frameName,
  type LivePeak,
  livePeak,
  liveStacks,
  ROOT_FRAME,
  type StackNode,
  StackTally,
  TRUNCATED_FRAME,
} from './allocation-stacks.ts';
export {
  type ArenaPinning,
  type ArenaPinningReport,
  arenaPinning,
  type PinningRow,
} from './arena-pinning.ts';
export { type ArenaStatus, arenaStatus, NEARLY_EMPTY } from './arena-status.ts';
export {
  blockLifetimes,
  forEachLiveAllocation,
  NEVER_FREED,
  requestSize,
} from './block-lifetimes.ts';
export { type CollectionArenas, collectionArenas } from './collection-arenas.ts';
export { compareSizeClasses, diffPoints, type PointDiff, type SizeClassDiff } from './diff.ts';
export {
  type ArenaFragmentation,
  type ArenaRow,
  analyzeFragmentation,
  type FragmentationReport,
  fragmentationAt,
  type NearlyEmpty,
  nearlyEmptyArenas,
  type Point,
  type ReportArenaRow,
  reportArenaRow,
} from './fragmentation.ts';
export { blockHolding, type HeldBlock, type PoolStatesCache } from './object-block.ts';
export { heapTypeName, type ReferenceChain, ReferenceChains } from './reference-chains.ts';
export {
  type SiteRow,
  SiteTally,
  siteName,
  type TopSites,
  UNKNOWN_SITE,
} from './sites.ts';
export {
  type ArenaObject,
  type ArenaObjectsRow,
  objectsByArena,
  objectsInArena,
} from './snapshot-arenas.ts';
export { type SnapshotAtPoint, snapshotAt } from './snapshot-at.ts';
export {
  collectSnapshot,
  type GarbageGroup,
  type SnapshotCollection,
} from './snapshot-collection.ts';
export { SnapshotGraph } from './snapshot-graph.ts';
export { gcObjectCounts, snapshotGrowth, type TypeGrowth } from './snapshot-growth.ts';
export {
  type ObjectTypeRow,
  type SnapshotObjects,
  snapshotObjectBlocks,
  snapshotObjects,
} from './snapshot-objects.ts';
export {
  type HeapPoint,
  measureHeap,
  sampleIndices,
  type Timeline,
  type TimelineSample,
  timeline,
} from './timeline.ts';
