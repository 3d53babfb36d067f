/**
 * Why memory does not go back down: per arena, what is used and what pins it.
 *
 * pymalloc returns an arena to the OS only when every pool in it is empty, so a few
 * live blocks spread over many arenas keep all of them. For each allocated arena this
 * lists the size classes (and, when the recording has allocation sites, the source
 * lines) of its live blocks; arenas used less than {@link NEARLY_EMPTY} are the ones
 * that freeing a few blocks would give back.
 */
import { collectMallocStats, summarizeArenas } from '@pymem/obmalloc';
import { Replayer } from '@pymem/runtime';
import type { Trace } from '@pymem/tracing';
import type { ProfileName } from '@pymem/versions';
import type { Point } from '../load.ts';

/** Arenas used less than this fraction are called nearly empty. */
export const NEARLY_EMPTY = 0.25;

/** One source line pinning an arena. */
export interface SitePin {
  /** `file:line` of the most recent frame. */
  readonly site: string;
  readonly blocks: number;
  /** Requested bytes of those blocks. */
  readonly bytes: number;
}

/** One allocated arena at the point. */
export interface ArenaRow {
  readonly index: number;
  readonly address: string;
  readonly usedBytes: number;
  readonly blocks: number;
  readonly poolsUsed: number;
  readonly poolsEmpty: number;
  readonly poolsVirgin: number;
  readonly pinnedBy: readonly {
    readonly sizeClass: number;
    readonly size: number;
    readonly blocks: number;
  }[];
  /** Source lines of the live blocks, most bytes first (empty without sites). */
  readonly sites: readonly SitePin[];
}

/** The whole analysis (this is also the `--json` shape). */
export interface Fragmentation {
  readonly python: string;
  readonly profile: ProfileName;
  readonly events: number;
  readonly point: Point;
  readonly arenaSize: number;
  readonly hasSites: boolean;
  readonly peak: { readonly arenas: number; readonly bytes: number; readonly eventIndex: number };
  readonly now: {
    readonly arenas: number;
    readonly bytesInArenas: number;
    readonly bytesInBlocks: number;
    readonly utilisation: number;
  };
  readonly nearlyEmpty: {
    readonly threshold: number;
    readonly arenas: number;
    readonly liveBlocks: number;
    readonly bytesReleasable: number;
  };
  readonly arenas: readonly ArenaRow[];
  readonly marks: readonly {
    readonly label: string;
    readonly eventIndex: number;
    readonly arenas: number;
    readonly bytesInBlocks: number;
  }[];
}

/** Replays `trace` to `point` and analyses the arenas there. */
export function analyzeFragmentation(
  trace: Trace,
  point: Point,
  profile?: ProfileName,
): Fragmentation {
  const hasSites = trace.tracebacks.length > 0;
  let arenas = 0;
  let peak = { arenas: 0, eventIndex: 0 };
  const replayer: Replayer = new Replayer(trace, {
    ...(profile ? { profile } : {}),
    trackBlocks: hasSites,
  });
  replayer.events.subscribe('obmalloc', (event) => {
    if (event.type === 'arena-new') {
      arenas++;
      if (arenas > peak.arenas) peak = { arenas, eventIndex: replayer.position - 1 };
    } else if (event.type === 'arena-release') arenas--;
  });
  const marks = trace.marks
    .filter((mark) => mark.eventIndex <= point.eventIndex)
    .map((mark) => {
      replayer.runTo(mark.eventIndex);
      const stats = collectMallocStats(replayer.model.state);
      return {
        label: mark.label,
        eventIndex: mark.eventIndex,
        arenas: stats.arenasAllocatedCurrent,
        bytesInBlocks: stats.bytesInAllocatedBlocks,
      };
    });
  replayer.runTo(point.eventIndex);
  const model = replayer.model;
  const arenaSize = model.constants.arenaSize;
  const stats = collectMallocStats(model.state);
  const sitesByArena = new Map<number, Map<string, { blocks: number; bytes: number }>>();
  if (hasSites) {
    const names = trace.filenames.map((definition) => definition.filename);
    for (const block of replayer.liveBlocks()) {
      const arena = model.state.arenaContaining(block.address);
      if (arena < 0) continue;
      const frame = block.site >= 0 ? trace.tracebacks[block.site]!.frames[0] : undefined;
      const site = frame ? `${names[frame.filename]}:${frame.lineno}` : '<unknown>';
      const perArena =
        sitesByArena.get(arena) ?? new Map<string, { blocks: number; bytes: number }>();
      sitesByArena.set(arena, perArena);
      const entry = perArena.get(site) ?? { blocks: 0, bytes: 0 };
      entry.blocks++;
      entry.bytes += block.size;
      perArena.set(site, entry);
    }
  }
  const rows: ArenaRow[] = summarizeArenas(model).map((arena) => ({
    index: arena.index,
    address: `0x${arena.address.toString(16)}`,
    usedBytes: arena.usedBytes,
    blocks: arena.blocks,
    poolsUsed: arena.poolsUsed,
    poolsEmpty: arena.poolsEmpty,
    poolsVirgin: arena.poolsVirgin,
    pinnedBy: arena.pinnedBy,
    sites: [...(sitesByArena.get(arena.index) ?? [])]
      .map(([site, { blocks, bytes }]) => ({ site, blocks, bytes }))
      .sort((x, y) => y.bytes - x.bytes || x.site.localeCompare(y.site)),
  }));
  const nearlyEmpty = rows.filter((row) => row.usedBytes < NEARLY_EMPTY * arenaSize);
  const bytesInArenas = stats.arenasAllocatedCurrent * arenaSize;
  return {
    python: trace.header.python,
    profile: replayer.profile,
    events: trace.length,
    point,
    arenaSize,
    hasSites,
    peak: { arenas: peak.arenas, bytes: peak.arenas * arenaSize, eventIndex: peak.eventIndex },
    now: {
      arenas: stats.arenasAllocatedCurrent,
      bytesInArenas,
      bytesInBlocks: stats.bytesInAllocatedBlocks,
      utilisation: bytesInArenas === 0 ? 0 : stats.bytesInAllocatedBlocks / bytesInArenas,
    },
    nearlyEmpty: {
      threshold: NEARLY_EMPTY,
      arenas: nearlyEmpty.length,
      liveBlocks: nearlyEmpty.reduce((sum, row) => sum + row.blocks, 0),
      bytesReleasable: nearlyEmpty.length * arenaSize,
    },
    arenas: rows,
    marks,
  };
}
