/**
 * The current event index, kept per recording: a newly opened recording starts at
 * its last event (the state the worker handed over, so the first paint replays
 * nothing), without a reset step in between. A recording read chunk by chunk moves
 * once the chunks of the new position are read (`ViewerSession.prepare`).
 */
import { useCallback, useRef, useState } from 'preact/hooks';
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
  /**
   * Drops the moves still waiting for their chunks, so the shown position stays
   * (pausing playback: a frame requested before the pause must not land after it).
   */
  readonly cancel: () => void;
}

/** The position in `session`'s recording. */
export function usePosition(session: ViewerSession | null): Position {
  const [cursor, setCursor] = useState<{ session: ViewerSession; at: number } | null>(null);
  const current = useLatest(session);
  const position = session === null ? 0 : cursor?.session === session ? cursor.at : session.length;
  const latestRequest = useRef(0);
  const setPosition = useCallback(
    (eventIndex: number) => {
      const shown = current.current;
      if (!shown) return;
      if (!shown.chunks) {
        setCursor({ session: shown, at: eventIndex });
        return;
      }
      // Read chunk by chunk: shown once its chunks are read; the latest request wins.
      const request = ++latestRequest.current;
      shown.prepare(eventIndex).then(
        () => {
          if (request !== latestRequest.current || current.current !== shown) return;
          shown.show(eventIndex);
          setCursor({ session: shown, at: eventIndex });
        },
        () => {},
      );
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
  const cancel = useCallback(() => {
    latestRequest.current++;
  }, []);
  return { position, setPosition, seek, cancel };
}
