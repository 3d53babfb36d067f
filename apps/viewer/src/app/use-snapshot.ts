/**
 * The heap snapshot at the current event and the object selected in it, linked to the
 * heap map both ways:
 *
 *   object selected ──blockOf──► its block marked, its pool selected (zoom outlines it)
 *   heap-map click on an allocated block ──objectInBlock──► the object living there
 *
 * Views are kept per recording and snapshot while the recording is open; a new
 * snapshot starts with no object selected.
 */
import type { HeldBlock } from '@pymem/analysis';
import { hexAddress } from '@pymem/obmalloc';
import { useCallback, useMemo, useState } from 'preact/hooks';
import { describeTarget } from '../heapmap/describe-target.ts';
import type { PoolRef } from '../heapmap/HeapMap.tsx';
import type { ViewerSession } from '../model/session.ts';
import { SnapshotView, snapshotAt } from '../model/snapshot-view.ts';

const views = new WeakMap<ViewerSession, Map<number, SnapshotView>>();

/** The selected object's block, with its byte offset in the pool (as the heap map draws it). */
export type MarkedBlock = HeldBlock & { readonly offset: number };

/** What {@link useSnapshot} gives the page. */
export interface SnapshotSelection {
  /** The snapshot taken at the current event, or null. */
  readonly view: SnapshotView | null;
  /** The selected object (its number in the snapshot), or null. */
  readonly object: number | null;
  /** The selected object's block, or null (none selected, or outside pymalloc). */
  readonly block: MarkedBlock | null;
  /** Selects `object` and the pool of its block. */
  readonly selectObject: (object: number) => void;
  /** A click on byte `offset` of `pool` in the heap map: selects the object living there. */
  readonly pickBlock: (pool: PoolRef, offset: number) => void;
  /** The heap map tooltip's line for an allocated block, or null without a snapshot. */
  readonly blockOwner: ((address: number, size: number) => string) | null;
}

/** The view of the snapshot taken at `position`, or null when there is none. */
function useSnapshotView(session: ViewerSession | null, position: number): SnapshotView | null {
  return useMemo(() => {
    if (!session) return null;
    const snapshot = snapshotAt(session.trace, position);
    if (!snapshot) return null;
    let cache = views.get(session);
    if (!cache) {
      cache = new Map();
      views.set(session, cache);
    }
    let view = cache.get(position);
    if (!view) {
      view = new SnapshotView(session, snapshot);
      cache.set(position, view);
    }
    return view;
  }, [session, position]);
}

/**
 * The snapshot at `position` of `session` and its selected object; `selectPool`
 * selects the pool of a selected object's block for the zoom panel.
 */
export function useSnapshot(
  session: ViewerSession | null,
  position: number,
  selectPool: (pool: PoolRef) => void,
): SnapshotSelection {
  const view = useSnapshotView(session, position);
  const [selection, setSelection] = useState<{ view: SnapshotView; object: number } | null>(null);
  const object = selection && selection.view === view ? selection.object : null;
  const block = useMemo(() => {
    const held = view && object !== null ? view.blockOf(object) : null;
    return held && { ...held, offset: held.address - held.poolAddress };
  }, [view, object]);
  const selectObject = useCallback(
    (chosen: number) => {
      if (!view) return;
      setSelection({ view, object: chosen });
      const held = view.blockOf(chosen);
      if (held) selectPool({ arena: held.arena, pool: held.pool });
    },
    [view, selectPool],
  );
  const pickBlock = useCallback(
    (pool: PoolRef, offset: number) => {
      if (!session || !view) return;
      const target = describeTarget(session.model(position), pool.arena, pool.pool, offset);
      if (target?.kind !== 'block' || target.state !== 'allocated') return;
      const found = view.objectInBlock(target.address, target.blockSize);
      setSelection(found >= 0 ? { view, object: found } : null);
    },
    [session, view, position],
  );
  const blockOwner = useMemo(
    () =>
      view &&
      ((address: number, size: number) => {
        const found = view.objectInBlock(address, size);
        return found < 0
          ? `no object of snapshot "${view.snapshot.label}" here`
          : `holds ${view.typeName(found)} at ${hexAddress(view.snapshot.address[found] as number)}`;
      }),
    [view],
  );
  return { view, object, block, selectObject, pickBlock, blockOwner };
}
