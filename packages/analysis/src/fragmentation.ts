/**
 * Why memory does not go back down: per allocated arena, what is used and what pins
 * it, and the arenas a few frees away from being released.
 *
 *   fragmentationAt(model)          the arenas now: one row per arena (with its
 *                                   ArenaStatus), totals, and the nearly-empty summary
 *   analyzeFragmentation(trace, p)  replays to point p and adds the peak, the marks
 *                                   and (with allocation sites) the source lines
 *                                   pinning each arena — `pymem fragmentation`/`report`
 *
 * Nearly empty (arena-status.ts): live blocks using less than NEARLY_EMPTY of the
 * arena. A wholly free arena is not nearly empty — 3.9+ keeps it on purpose and
 * freeing cannot release it — and is counted in `freeArenas`. bytesReleasable is
 * nearly-empty arenas × ARENA_SIZE: what freeing their live blocks gives back.
 */
import {
  type ArenaSummary,
  arenaContaining,
  collectMallocStats,
  hexAddress,
  type Obmalloc,
  type OutsidePymalloc,
  outsidePymalloc,
  summarizeArenas,
} from '@pymem/obmalloc';
import { Replayer } from '@pymem/runtime';
import type { Recording } from '@pymem/tracing';
import type { ProfileName } from '@pymem/versions';
import { type ArenaStatus, arenaStatus, NEARLY_EMPTY } from './arena-status.ts';
import { type SiteRow, SiteTally } from './sites.ts';

/** One allocated arena: obmalloc's summary and how it is held. */
export interface ArenaRow extends ArenaSummary {
  readonly status: ArenaStatus;
}

/** The nearly-empty arenas, summed. */
export interface NearlyEmpty {
  /** {@link NEARLY_EMPTY}. */
  readonly threshold: number;
  /** Arenas with live blocks using less than the threshold. */
  readonly arenas: number;
  /** Live blocks in them. */
  readonly liveBlocks: number;
  /** arenas × ARENA_SIZE: what freeing those blocks would let pymalloc return. */
  readonly bytesReleasable: number;
}

/** The arenas of a model at one point. */
export interface ArenaFragmentation {
  /** ARENA_SIZE of the profile. */
  readonly arenaSize: number;
  /** One row per allocated arena, in arena-object order. */
  readonly arenas: readonly ArenaRow[];
  /** arenas × ARENA_SIZE. */
  readonly bytesInArenas: number;
  /** Bytes in live blocks (block sizes). */
  readonly bytesInBlocks: number;
  /** bytesInBlocks / bytesInArenas (0 without arenas). */
  readonly utilisation: number;
  /** Arenas with no live block (status 'free': the one 3.9+ keeps). */
  readonly freeArenas: number;
  /** Live blocks pymalloc declined (> 512 bytes): held by the raw allocator, in no arena. */
  readonly outsidePymalloc: OutsidePymalloc;
  readonly nearlyEmpty: NearlyEmpty;
}

/** The arenas of `model` now. Cost: one pass over the carved pools. */
export function fragmentationAt(model: Obmalloc): ArenaFragmentation {
  const arenaSize = model.constants.arenaSize;
  const arenas = summarizeArenas(model).map((summary) => ({
    ...summary,
    status: arenaStatus(summary, arenaSize),
  }));
  const bytesInArenas = arenas.length * arenaSize;
  const bytesInBlocks = arenas.reduce((sum, arena) => sum + arena.usedBytes, 0);
  const nearly = arenas.filter((arena) => arena.status === 'nearly-empty');
  return {
    arenaSize,
    arenas,
    bytesInArenas,
    bytesInBlocks,
    utilisation: bytesInArenas === 0 ? 0 : bytesInBlocks / bytesInArenas,
    freeArenas: arenas.filter((arena) => arena.status === 'free').length,
    outsidePymalloc: outsidePymalloc(model),
    nearlyEmpty: {
      threshold: NEARLY_EMPTY,
      arenas: nearly.length,
      liveBlocks: nearly.reduce((sum, arena) => sum + arena.blocks, 0),
      bytesReleasable: nearly.length * arenaSize,
    },
  };
}

/** The nearly-empty rows, emptiest first (ties by arena index). */
export function nearlyEmptyArenas(fragmentation: ArenaFragmentation): ArenaRow[] {
  return fragmentation.arenas
    .filter((arena) => arena.status === 'nearly-empty')
    .sort((x, y) => x.usedBytes - y.usedBytes || x.index - y.index);
}

/** A point of a recording. */
export interface Point {
  /** Events before the point. */
  readonly eventIndex: number;
  /** The mark's label when the point is a mark, else null. */
  readonly mark: string | null;
}

/** One allocated arena in a {@link FragmentationReport} (the `--json` row). */
export interface ReportArenaRow {
  readonly index: number;
  /** `0x…`. */
  readonly address: string;
  readonly status: ArenaStatus;
  readonly usedBytes: number;
  readonly blocks: number;
  readonly poolsUsed: number;
  readonly poolsEmpty: number;
  readonly poolsVirgin: number;
  readonly pinnedBy: ArenaSummary['pinnedBy'];
  /** Source lines of the live blocks, most requested bytes first (empty without sites). */
  readonly sites: readonly SiteRow[];
}

/** An arena as the report (and its JSON) shows it, but for its sites. */
export function reportArenaRow(arena: ArenaRow): Omit<ReportArenaRow, 'sites'> {
  return {
    index: arena.index,
    address: hexAddress(arena.address),
    status: arena.status,
    usedBytes: arena.usedBytes,
    blocks: arena.blocks,
    poolsUsed: arena.poolsUsed,
    poolsEmpty: arena.poolsEmpty,
    poolsVirgin: arena.poolsVirgin,
    pinnedBy: arena.pinnedBy,
  };
}

/** `pymem fragmentation`'s analysis (also its `--json` shape). */
export interface FragmentationReport {
  readonly python: string;
  readonly profile: ProfileName;
  readonly events: number;
  readonly point: Point;
  readonly arenaSize: number;
  readonly hasSites: boolean;
  readonly peak: { readonly arenas: number; readonly bytes: number; readonly eventIndex: number };
  /** The totals of {@link ArenaFragmentation} at the point, `arenas` as a count. */
  readonly now: Pick<
    ArenaFragmentation,
    'bytesInArenas' | 'bytesInBlocks' | 'utilisation' | 'freeArenas' | 'outsidePymalloc'
  > & { readonly arenas: number };
  readonly nearlyEmpty: NearlyEmpty;
  readonly arenas: readonly ReportArenaRow[];
  readonly marks: readonly {
    readonly label: string;
    readonly eventIndex: number;
    readonly arenas: number;
    readonly bytesInBlocks: number;
  }[];
}

/**
 * Replays `trace` (whole or streamed) to `point` and analyses its arenas there (see
 * the module comment).
 */
export function analyzeFragmentation(
  trace: Recording,
  point: Point,
  profile?: ProfileName,
): FragmentationReport {
  const hasSites = trace.tracebacks.length > 0;
  let arenas = 0;
  let peak = { arenas: 0, eventIndex: 0 };
  const replayer = new Replayer(trace, {
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
      const stats = collectMallocStats(replayer.model);
      return {
        label: mark.label,
        eventIndex: mark.eventIndex,
        arenas: stats.arenasAllocatedCurrent,
        bytesInBlocks: stats.bytesInAllocatedBlocks,
      };
    });
  replayer.runTo(point.eventIndex);
  const model = replayer.model;
  const now = fragmentationAt(model);
  const sitesByArena = new Map<number, SiteTally>();
  if (hasSites) {
    for (const block of replayer.liveBlocks()) {
      const arena = arenaContaining(model, block.address);
      if (arena < 0) continue;
      const tally = sitesByArena.get(arena) ?? new SiteTally(trace);
      sitesByArena.set(arena, tally);
      tally.add(block.site, block.size);
    }
  }
  return {
    python: trace.header.python,
    profile: replayer.profile,
    events: trace.length,
    point,
    arenaSize: now.arenaSize,
    hasSites,
    peak: { arenas: peak.arenas, bytes: peak.arenas * now.arenaSize, eventIndex: peak.eventIndex },
    now: {
      arenas: now.arenas.length,
      bytesInArenas: now.bytesInArenas,
      bytesInBlocks: now.bytesInBlocks,
      utilisation: now.utilisation,
      freeArenas: now.freeArenas,
      outsidePymalloc: now.outsidePymalloc,
    },
    nearlyEmpty: now.nearlyEmpty,
    arenas: now.arenas.map((arena) => ({
      ...reportArenaRow(arena),
      sites: sitesByArena.get(arena.index)?.rows() ?? [],
    })),
    marks,
  };
}
