/**
 * The arenas a modelled collection would give back: the allocator replayed to the
 * heap snapshot's position, then every block the collection frees returned to it
 * (`PyObject_Free`, with the profile's arena release rules), arenas counted before
 * and after. The replayed model is a private copy: the recording is not changed.
 *
 * Only the blocks that hold a freed object's header are returned: what a freed
 * object owns in separate blocks (a dict's keys, a list's items, an instance's split
 * values) is not in the snapshot. Freeing more blocks never keeps an arena, so
 * `arenasFreed` is a lower bound — exact when the garbage lives in single blocks
 * (instances with `__slots__`, tuples, small closures' cells …).
 */
import { arenasAllocated } from '@pymem/obmalloc';
import { Replayer } from '@pymem/runtime';
import type { HeapSnapshot, Trace } from '@pymem/tracing';
import type { ProfileName } from '@pymem/versions';
import { snapshotObjectBlocks } from './snapshot-objects.ts';

/** What freeing a collection's garbage does to pymalloc's arenas. */
export interface CollectionArenas {
  /** Allocated arenas at the snapshot. */
  readonly arenasBefore: number;
  /** Arenas released once the freed objects' blocks are returned (a lower bound). */
  readonly arenasFreed: number;
  /** Freed objects whose block was returned (the others lie outside pymalloc). */
  readonly blocksFreed: number;
}

/** Returns the blocks of the snapshot objects `freed` to the allocator at the snapshot. */
export function collectionArenas(
  trace: Trace,
  snapshot: HeapSnapshot,
  freed: readonly number[],
  profile?: ProfileName,
): CollectionArenas {
  const replayer = new Replayer(trace, profile ? { profile } : {});
  replayer.runTo(snapshot.eventIndex);
  const model = replayer.model;
  const blocks = snapshotObjectBlocks(snapshot, model);
  const arenasBefore = arenasAllocated(model);
  let blocksFreed = 0;
  for (const id of freed) {
    const block = blocks[id] as number;
    if (block < 0) continue;
    model.free(block);
    blocksFreed++;
  }
  return { arenasBefore, arenasFreed: arenasBefore - arenasAllocated(model), blocksFreed };
}
