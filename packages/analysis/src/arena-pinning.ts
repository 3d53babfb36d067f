/**
 * Which objects pin each nearly empty arena: the objects of a heap snapshot whose
 * pymalloc blocks are live in an arena that is nearly empty at the point reported,
 * grouped by type (and, when the recording has sites, by the source line that
 * allocated the block).
 *
 * The snapshot is the last one taken at or before the point (snapshot-at.ts). Each
 * object is linked to its block in the allocator replayed to the snapshot's position
 * (snapshot-objects.ts); the block pins an arena at the point only when the very same
 * allocation is still live there — same address, same allocating event — so a block
 * freed and reused after the snapshot is never credited to the old object. Objects
 * created after the snapshot are unknown to it: with a snapshot before the point, the
 * rows can account for fewer blocks than the arena holds (`blocks` says how many).
 *
 * Invariants: every row's objects lie in its arena's blocks; `objects` of an arena is
 * the sum of its rows; rows come largest `bytes` first, then type and site names.
 */
import { arenaContaining } from '@pymem/obmalloc';
import { Replayer } from '@pymem/runtime';
import type { Trace } from '@pymem/tracing';
import type { ProfileName } from '@pymem/versions';
import { fragmentationAt, type Point } from './fragmentation.ts';
import { heapTypeName } from './reference-chains.ts';
import { siteName, UNKNOWN_SITE } from './sites.ts';
import { snapshotAt } from './snapshot-at.ts';
import { snapshotObjectBlocks } from './snapshot-objects.ts';

/** Objects of one type (and allocation line) in one arena. */
export interface PinningRow {
  /** `module.qualname` (builtins without the module). */
  readonly type: string;
  /** `file:line` of the block's allocation, `<unknown>` without a frame; null without sites. */
  readonly site: string | null;
  readonly objects: number;
  /** `sys.getsizeof` total (unknown sizes count 0). */
  readonly bytes: number;
}

/** The objects pinning one nearly empty arena. */
export interface ArenaPinning {
  /** The arena object's index (as in the arena table). */
  readonly arena: number;
  /** Live blocks of the arena at the point. */
  readonly blocks: number;
  /** Of the snapshot's objects, those in the arena's live blocks. */
  readonly objects: number;
  readonly rows: readonly PinningRow[];
}

/** {@link arenaPinning}'s answer. */
export interface ArenaPinningReport {
  /** The snapshot's label. */
  readonly snapshot: string;
  readonly snapshotEventIndex: number;
  /** True when the snapshot was taken at the point, false when before it. */
  readonly exact: boolean;
  /** One entry per nearly empty arena, in arena order. */
  readonly arenas: readonly ArenaPinning[];
}

/**
 * The objects pinning each nearly empty arena at `point`, from the last heap snapshot
 * at or before it; null when the recording has no complete snapshot there.
 */
export function arenaPinning(
  trace: Trace,
  point: Point,
  profile?: ProfileName,
): ArenaPinningReport | null {
  const found = snapshotAt(trace, point);
  if (!found) return null;
  const { snapshot } = found;
  const hasSites = trace.tracebacks.length > 0;
  const replayer = new Replayer(trace, { ...(profile ? { profile } : {}), trackBlocks: true });
  replayer.runTo(snapshot.eventIndex);
  const blocks = snapshotObjectBlocks(snapshot, replayer.model);
  const bornThen = replayer.checkpoint().liveBlocks;
  const born = new Float64Array(snapshot.length).fill(-1);
  for (let i = 0; i < snapshot.length; i++)
    if ((blocks[i] as number) >= 0) born[i] = bornThen.get(blocks[i] as number);
  replayer.runTo(point.eventIndex);
  const model = replayer.model;
  const liveNow = found.exact ? bornThen : replayer.checkpoint().liveBlocks;
  const nearly = new Map(
    fragmentationAt(model)
      .arenas.filter((arena) => arena.status === 'nearly-empty')
      .map((arena) => [
        arena.index,
        { blocks: arena.blocks, objects: 0, rows: new Map<string, PinningRow>() },
      ]),
  );
  for (let i = 0; i < snapshot.length; i++) {
    const event = born[i] as number;
    if (event < 0 || liveNow.get(blocks[i] as number) !== event) continue;
    const entry = nearly.get(arenaContaining(model, blocks[i] as number));
    if (!entry) continue;
    entry.objects++;
    const type = heapTypeName(snapshot, i);
    const site = hasSites ? (siteName(trace, trace.site[event] as number) ?? UNKNOWN_SITE) : null;
    const key = `${type}\n${site ?? ''}`;
    const row = entry.rows.get(key) ?? { type, site, objects: 0, bytes: 0 };
    entry.rows.set(key, {
      ...row,
      objects: row.objects + 1,
      bytes: row.bytes + Math.max(0, snapshot.size[i] as number),
    });
  }
  const order = (x: PinningRow, y: PinningRow) =>
    y.bytes - x.bytes ||
    y.objects - x.objects ||
    (x.type < y.type ? -1 : x.type > y.type ? 1 : (x.site ?? '') < (y.site ?? '') ? -1 : 1);
  return {
    snapshot: snapshot.label,
    snapshotEventIndex: snapshot.eventIndex,
    exact: found.exact,
    arenas: [...nearly].map(([arena, entry]) => ({
      arena,
      blocks: entry.blocks,
      objects: entry.objects,
      rows: [...entry.rows.values()].sort(order),
    })),
  };
}
