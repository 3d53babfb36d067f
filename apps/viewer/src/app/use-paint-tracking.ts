/**
 * What the page learns from the heap map's paints: the first paint of a recording
 * (time to interactive) starts the checkpoint warm-up, in slices of
 * {@link WARM_SLICE_MS} so the page stays responsive; and a seek through the page can
 * wait for the paint of the position it asked for.
 *
 *   session opened ─► first paint ─► warm-up slices … ─► timings.warmed
 */
import { useCallback, useRef } from 'preact/hooks';
import type { ViewerSession } from '../model/session.ts';
import { useLatest } from './use-latest.ts';
import type { ViewerTimings } from './viewer-hook.ts';

/** Milliseconds of checkpoint warm-up per slice (the page stays responsive between). */
const WARM_SLICE_MS = 8;

/** The heap map's paint callback and a way to wait for a paint. */
export interface PaintTracking {
  /** Give to the heap map: called after each paint with the event index painted. */
  readonly onPaint: (painted: number) => void;
  /** Resolves with the milliseconds from `start` when `position` is next painted. */
  readonly nextPaintOf: (position: number, start: number) => Promise<number>;
}

/** Tracks the paints of `session`, recording into `timings`. */
export function usePaintTracking(
  session: ViewerSession | null,
  timings: { current: ViewerTimings },
): PaintTracking {
  const shown = useLatest(session);
  const firstPainted = useRef<ViewerSession | null>(null);
  const waiters = useRef<{ position: number; start: number; resolve: (ms: number) => void }[]>([]);

  const warm = useCallback(
    (target: ViewerSession) => {
      const slice = () => {
        if (shown.current !== target) return;
        if (target.warm(WARM_SLICE_MS)) timings.current.warmed = performance.now();
        else setTimeout(slice, 0);
      };
      setTimeout(slice, 0);
    },
    [shown, timings],
  );

  const onPaint = useCallback(
    (painted: number) => {
      const current = shown.current;
      if (current && firstPainted.current !== current) {
        firstPainted.current = current;
        const now = performance.now();
        timings.current.firstPaint = now;
        timings.current.timeToInteractive = now - timings.current.openStart;
        warm(current);
      }
      const now = performance.now();
      waiters.current = waiters.current.filter((waiter) => {
        if (waiter.position !== painted) return true;
        waiter.resolve(now - waiter.start);
        return false;
      });
    },
    [shown, timings, warm],
  );

  const nextPaintOf = useCallback(
    (position: number, start: number) =>
      new Promise<number>((resolve) => waiters.current.push({ position, start, resolve })),
    [],
  );

  return { onPaint, nextPaintOf };
}
