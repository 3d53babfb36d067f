/**
 * What changed between two points of a recording, tracemalloc `compare_to` style:
 * by pymalloc size class always (block sizes, from the statistics CPython prints),
 * and by allocation site when the recording has sites (request sizes, through
 * tracemalloc's own `Snapshot.compareTo`). Rows come in StatisticDiff's order:
 * |size diff|, size, |count diff|, count (then size class, ascending).
 */
import { collectMallocStats, type MallocStats } from '@pymem/obmalloc';
import { Replayer, takeSnapshot } from '@pymem/runtime';
import type { KeyType, Recording, StatisticDiff } from '@pymem/tracing';
import type { ProfileName } from '@pymem/versions';
import type { Point } from './fragmentation.ts';

/** One size class in a comparison. */
export interface SizeClassDiff {
  readonly sizeClass: number;
  /** Block size in bytes. */
  readonly size: number;
  readonly blocksFrom: number;
  readonly blocksTo: number;
  readonly bytesFrom: number;
  readonly bytesTo: number;
}

/** Every size class with blocks at either point, largest change first. */
export function compareSizeClasses(from: MallocStats, to: MallocStats): SizeClassDiff[] {
  const blocks = new Map<number, { size: number; from: number; to: number }>();
  for (const row of from.sizeClasses)
    blocks.set(row.index, { size: row.size, from: row.blocksInUse, to: 0 });
  for (const row of to.sizeClasses) {
    const entry = blocks.get(row.index) ?? { size: row.size, from: 0, to: 0 };
    entry.to = row.blocksInUse;
    blocks.set(row.index, entry);
  }
  const rows = [...blocks].map(([sizeClass, { size, from: a, to: b }]) => ({
    sizeClass,
    size,
    blocksFrom: a,
    blocksTo: b,
    bytesFrom: a * size,
    bytesTo: b * size,
  }));
  const key = (row: SizeClassDiff) => [
    Math.abs(row.bytesTo - row.bytesFrom),
    row.bytesTo,
    Math.abs(row.blocksTo - row.blocksFrom),
    row.blocksTo,
    -row.sizeClass,
  ];
  return rows.sort((x, y) => {
    const kx = key(x);
    const ky = key(y);
    for (let i = 0; i < kx.length; i++) if (kx[i] !== ky[i]) return ky[i]! - kx[i]!;
    return 0;
  });
}

/** A comparison of two points of a recording. */
export interface PointDiff {
  readonly profile: ProfileName;
  readonly from: Point;
  readonly to: Point;
  readonly statsFrom: MallocStats;
  readonly statsTo: MallocStats;
  readonly sizeClasses: readonly SizeClassDiff[];
  /** By site (tracemalloc `compare_to(from, by)`), or null when the recording has no sites. */
  readonly sites: readonly StatisticDiff[] | null;
}

/**
 * Replays `trace` (whole or streamed) once, from its start through `from` to `to`
 * (`from` must not come after `to`), and compares the two points.
 */
export function diffPoints(
  trace: Recording,
  from: Point,
  to: Point,
  options: { readonly by?: KeyType; readonly profile?: ProfileName } = {},
): PointDiff {
  const hasSites = trace.tracebacks.length > 0;
  const replayer = new Replayer(trace, {
    ...(options.profile ? { profile: options.profile } : {}),
    trackBlocks: hasSites,
  });
  replayer.runTo(from.eventIndex);
  const statsFrom = collectMallocStats(replayer.model);
  const snapshotFrom = hasSites ? takeSnapshot(replayer) : null;
  replayer.runTo(to.eventIndex);
  const statsTo = collectMallocStats(replayer.model);
  const sites = snapshotFrom
    ? takeSnapshot(replayer).compareTo(snapshotFrom, options.by ?? 'lineno')
    : null;
  return {
    profile: replayer.profile,
    from,
    to,
    statsFrom,
    statsTo,
    sizeClasses: compareSizeClasses(statsFrom, statsTo),
    sites,
  };
}
