/**
 * The heap snapshot at the current event (one per recording and snapshot, kept while
 * the recording is open) and the object selected in it (a new snapshot starts with none).
 */
import { useCallback, useMemo, useState } from 'preact/hooks';
import type { ViewerSession } from '../model/session.ts';
import { SnapshotView, snapshotAt } from '../model/snapshot-view.ts';

const views = new WeakMap<ViewerSession, Map<number, SnapshotView>>();

/** The view of the snapshot taken at `position`, or null when there is none. */
export function useSnapshotView(
  session: ViewerSession | null,
  position: number,
): SnapshotView | null {
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

/** The selected object of `view` (or null) and the setter. */
export function useObjectSelection(
  view: SnapshotView | null,
): [number | null, (object: number | null) => void] {
  const [selection, setSelection] = useState<{ view: SnapshotView; object: number } | null>(null);
  const select = useCallback(
    (object: number | null) => setSelection(object !== null && view ? { view, object } : null),
    [view],
  );
  return [selection && selection.view === view ? selection.object : null, select];
}
