/**
 * The pymalloc block of `sys._debugmallocstats()`: the numbers and their text.
 *
 * Models `_PyObject_DebugMallocStats` and its helper `printone` (Objects/obmalloc.c,
 * 3.8–3.14). The walk: every arena object with an address; every pool carved in it;
 * pools with ref.count 0 (cached empty pools) are not counted in the class table —
 * they show up in `unused pools` with the never-carved ones.
 *
 * Invariant: allocated + available + unused pools + headers + quantization + alignment
 * == arenas × ARENA_SIZE (CPython asserts the same from 3.10).
 */
import { blockSize, blocksPerPool, quantizationPerPool } from './constants.ts';
import { stateOf } from './internal/state.ts';
import type { Obmalloc } from './obmalloc.ts';

/** One row of the size-class table. */
export interface SizeClassStats {
  /** Size class index. */
  readonly index: number;
  /** Block size in bytes. */
  readonly size: number;
  /** Pools of this class with at least one block allocated. */
  readonly pools: number;
  /** Blocks allocated (Σ ref.count). */
  readonly blocksInUse: number;
  /** Blocks still available in those pools (free list + never carved). */
  readonly availableBlocks: number;
}

/** Everything `_PyObject_DebugMallocStats` prints for pymalloc, as numbers. */
export interface MallocStats {
  readonly smallRequestThreshold: number;
  readonly numSizeClasses: number;
  /** Rows for the classes that have at least one pool in use, by index. */
  readonly sizeClasses: readonly SizeClassStats[];
  readonly arenasAllocatedTotal: number;
  readonly arenasReclaimed: number;
  readonly arenasHighwater: number;
  readonly arenasAllocatedCurrent: number;
  readonly arenaSize: number;
  readonly poolSize: number;
  readonly bytesInAllocatedBlocks: number;
  readonly bytesInAvailableBlocks: number;
  readonly unusedPools: number;
  readonly bytesLostToPoolHeaders: number;
  readonly bytesLostToQuantization: number;
  readonly bytesLostToArenaAlignment: number;
  /** Sum of the six lines above; always arenas × ARENA_SIZE. */
  readonly total: number;
  /** 3.10+: the arena map (radix tree); null before. */
  readonly arenaMap: {
    readonly midNodes: number;
    readonly botNodes: number;
    readonly rootBytes: number;
    readonly midBytes: number;
    readonly botBytes: number;
    readonly total: number;
  } | null;
}

/** Collects the statistics of a model (the walk of `_PyObject_DebugMallocStats`). */
export function collectMallocStats(model: Obmalloc): MallocStats {
  const state = stateOf(model);
  const c = state.constants;
  const n = c.numSizeClasses;
  const pools = new Array<number>(n).fill(0);
  const used = new Array<number>(n).fill(0);
  const avail = new Array<number>(n).fill(0);
  let narenas = 0;
  let unusedPools = 0;
  let alignmentLoss = 0;
  for (let arena = 0; arena < state.maxarenas; arena++) {
    const address = state.arenaAddress[arena]!;
    if (address === 0) continue;
    narenas++;
    unusedPools += state.arenaNfreepools[arena]!;
    if (address % c.poolSize !== 0) alignmentLoss += c.poolSize;
    state.forEachCarvedPool(arena, (_k, sizeClass, ref) => {
      if (ref === 0) return;
      pools[sizeClass]!++;
      used[sizeClass]! += ref;
      avail[sizeClass]! += blocksPerPool(c, sizeClass) - ref;
    });
  }
  const sizeClasses: SizeClassStats[] = [];
  let allocatedBytes = 0;
  let availableBytes = 0;
  let poolHeaders = 0;
  let quantization = 0;
  for (let i = 0; i < n; i++) {
    const size = blockSize(c, i);
    allocatedBytes += used[i]! * size;
    availableBytes += avail[i]! * size;
    poolHeaders += pools[i]! * c.poolOverhead;
    quantization += pools[i]! * quantizationPerPool(c, i);
    if (pools[i]! > 0) {
      sizeClasses.push({
        index: i,
        size,
        pools: pools[i]!,
        blocksInUse: used[i]!,
        availableBlocks: avail[i]!,
      });
    }
  }
  const total =
    allocatedBytes +
    availableBytes +
    unusedPools * c.poolSize +
    poolHeaders +
    quantization +
    alignmentLoss;
  let arenaMap: MallocStats['arenaMap'] = null;
  if (c.radixTree !== null) {
    const g = c.radixTree;
    const midBytes = state.radixMidNodes.size * g.midBytes;
    const botBytes = state.radixBotNodes.size * g.botBytes;
    arenaMap = {
      midNodes: state.radixMidNodes.size,
      botNodes: state.radixBotNodes.size,
      rootBytes: g.rootBytes,
      midBytes,
      botBytes,
      total: g.rootBytes + midBytes + botBytes,
    };
  }
  return {
    smallRequestThreshold: c.smallRequestThreshold,
    numSizeClasses: n,
    sizeClasses,
    arenasAllocatedTotal: state.ntimesArenaAllocated,
    arenasReclaimed: state.ntimesArenaAllocated - narenas,
    arenasHighwater: state.narenasHighwater,
    arenasAllocatedCurrent: narenas,
    arenaSize: c.arenaSize,
    poolSize: c.poolSize,
    bytesInAllocatedBlocks: allocatedBytes,
    bytesInAvailableBlocks: availableBytes,
    unusedPools,
    bytesLostToPoolHeaders: poolHeaders,
    bytesLostToQuantization: quantization,
    bytesLostToArenaAlignment: alignmentLoss,
    total,
    arenaMap,
  };
}

/** `printone`: label padded to 35 columns, ` = `… value right-aligned in 21 with commas. */
function printone(label: string, value: number): string {
  const grouped = value.toLocaleString('en-US');
  return `${label.padEnd(35)}=${grouped.padStart(21)}`;
}

/**
 * The text CPython prints for these statistics, byte for byte, through the pymalloc
 * `Total` line (and the arena-map lines on 3.10+). Lines end with `\n`; no blank
 * line follows (`sys._debugmallocstats` adds one before the free-list block).
 */
export function formatMallocStats(stats: MallocStats): string {
  const lines: string[] = [
    `Small block threshold = ${stats.smallRequestThreshold}, in ${stats.numSizeClasses} size classes.`,
    '',
    'class   size   num pools   blocks in use  avail blocks',
    '-----   ----   ---------   -------------  ------------',
  ];
  for (const row of stats.sizeClasses) {
    lines.push(
      `${String(row.index).padStart(5)} ${String(row.size).padStart(6)} ` +
        `${String(row.pools).padStart(11)} ${String(row.blocksInUse).padStart(15)} ` +
        `${String(row.availableBlocks).padStart(13)}`,
    );
  }
  lines.push(
    '',
    printone('# arenas allocated total', stats.arenasAllocatedTotal),
    printone('# arenas reclaimed', stats.arenasReclaimed),
    printone('# arenas highwater mark', stats.arenasHighwater),
    printone('# arenas allocated current', stats.arenasAllocatedCurrent),
    printone(
      `${stats.arenasAllocatedCurrent} arenas * ${stats.arenaSize} bytes/arena`,
      stats.arenasAllocatedCurrent * stats.arenaSize,
    ),
    '',
    printone('# bytes in allocated blocks', stats.bytesInAllocatedBlocks),
    printone('# bytes in available blocks', stats.bytesInAvailableBlocks),
    printone(
      `${stats.unusedPools} unused pools * ${stats.poolSize} bytes`,
      stats.unusedPools * stats.poolSize,
    ),
    printone('# bytes lost to pool headers', stats.bytesLostToPoolHeaders),
    printone('# bytes lost to quantization', stats.bytesLostToQuantization),
    printone('# bytes lost to arena alignment', stats.bytesLostToArenaAlignment),
    printone('Total', stats.total),
  );
  if (stats.arenaMap !== null) {
    const map = stats.arenaMap;
    lines.push(
      '',
      'arena map counts',
      printone('# arena map mid nodes', map.midNodes),
      printone('# arena map bot nodes', map.botNodes),
      '',
      printone('# bytes lost to arena map root', map.rootBytes),
      printone('# bytes lost to arena map mid', map.midBytes),
      printone('# bytes lost to arena map bot', map.botBytes),
      printone('Total', map.total),
    );
  }
  return `${lines.join('\n')}\n`;
}
