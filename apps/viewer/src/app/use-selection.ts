/** The pool selected for the zoom panel, kept per recording (a new one starts with none). */
import { useCallback, useState } from 'preact/hooks';
import type { PoolRef } from '../heapmap/HeapMap.tsx';
import type { ViewerSession } from '../model/session.ts';

/** The selected pool of `session` (or null) and the setter. */
export function useSelection(
  session: ViewerSession | null,
): [PoolRef | null, (pool: PoolRef | null) => void] {
  const [selection, setSelection] = useState<{ session: ViewerSession; pool: PoolRef } | null>(
    null,
  );
  const select = useCallback(
    (pool: PoolRef | null) => setSelection(pool && session ? { session, pool } : null),
    [session],
  );
  return [selection?.session === session ? selection.pool : null, select];
}
