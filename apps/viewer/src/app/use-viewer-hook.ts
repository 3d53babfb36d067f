/**
 * Installs `window.__pymemViewer` (viewer-hook.ts) once: the browser tests and the
 * bench read the page's state and drive it through it.
 */
import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';
import type { HeapMapHandle } from '../heapmap/HeapMap.tsx';
import { useLatest } from './use-latest.ts';
import type { PaintTracking } from './use-paint-tracking.ts';
import type { Position } from './use-position.ts';
import type { Recording } from './use-recording.ts';
import type { ViewerHook } from './viewer-hook.ts';

/** Exposes the page's state as `window.__pymemViewer`. */
export function useViewerHook(
  recording: Recording,
  position: Position,
  paints: PaintTracking,
  heapMap: RefObject<HeapMapHandle | null>,
): void {
  const latest = useLatest({ recording, position });
  const { nextPaintOf } = paints;
  useEffect(() => {
    const state = () => latest.current;
    const hook: ViewerHook = {
      get status() {
        const { loading, session } = state().recording;
        return loading ? 'loading' : session ? 'ready' : 'empty';
      },
      get error() {
        return state().recording.error;
      },
      get name() {
        return state().recording.session?.name ?? null;
      },
      get length() {
        return state().recording.session?.length ?? 0;
      },
      get chunked() {
        return (state().recording.session?.chunks ?? null) !== null;
      },
      get timeline() {
        return state().recording.session?.timeline ?? null;
      },
      get position() {
        return state().position.position;
      },
      get timings() {
        return state().recording.timings.current;
      },
      seekAndPaint: (eventIndex) => {
        const start = performance.now();
        heapMap.current?.paint(eventIndex);
        return performance.now() - start;
      },
      seek: (eventIndex) => {
        const { recording: now, position: at } = state();
        const session = now.session;
        if (!session) return Promise.resolve(0);
        const target = Math.max(0, Math.min(session.length, Math.round(eventIndex)));
        const start = performance.now();
        if (target === at.position) {
          // Already shown: a move still reading its chunks must not land after this.
          at.cancel();
          heapMap.current?.paint(target);
          return Promise.resolve(performance.now() - start);
        }
        const painted = nextPaintOf(target, start);
        at.setPosition(target);
        return painted;
      },
      pointOf: (arena, pool, offset) => heapMap.current?.pointOf(arena, pool, offset) ?? null,
    } as ViewerHook;
    window.__pymemViewer = hook;
  }, [latest, nextPaintOf, heapMap]);
}
