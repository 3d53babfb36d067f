/**
 * The current event index, kept per recording: a newly opened recording starts at
 * its last event (the state the worker handed over, so the first paint replays
 * nothing), without a reset step in between.
 */
import { useCallback, useState } from 'preact/hooks';
import type { ViewerSession } from '../model/session.ts';
import { useLatest } from './use-latest.ts';

/** The position and two ways to move it. */
export interface Position {
  /** Events before the shown state, 0 … session.length. */
  readonly position: number;
  /** Moves to `eventIndex` (already in range). */
  readonly setPosition: (eventIndex: number) => void;
  /** Moves to `eventIndex` rounded and clamped to the recording. */
  readonly seek: (eventIndex: number) => void;
}

/** The position in `session`'s recording. */
export function usePosition(session: ViewerSession | null): Position {
  const [cursor, setCursor] = useState<{ session: ViewerSession; at: number } | null>(null);
  const current = useLatest(session);
  const position = session === null ? 0 : cursor?.session === session ? cursor.at : session.length;
  const setPosition = useCallback(
    (eventIndex: number) => {
      const shown = current.current;
      if (shown) setCursor({ session: shown, at: eventIndex });
    },
    [current],
  );
  const seek = useCallback(
    (eventIndex: number) => {
      const shown = current.current;
      if (shown) setPosition(Math.max(0, Math.min(shown.length, Math.round(eventIndex))));
    },
    [current, setPosition],
  );
  return { position, setPosition, seek };
}
