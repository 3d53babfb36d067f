/**
 * The viewer's keys (keyboard.ts says which): ←/→ step one event, shift+←/→ jump to
 * the previous/next mark, space plays or pauses. Listened for on the window, in the
 * capture phase, while a recording is open.
 */
import { useEffect } from 'preact/hooks';
import type { ViewerSession } from '../model/session.ts';
import { nextPosition, previousPosition } from '../time/mark-navigation.ts';
import { keyAction } from './keyboard.ts';
import { useLatest } from './use-latest.ts';

/** Handles the viewer's keys for `session` at `position`. */
export function useKeyboard(
  session: ViewerSession | null,
  position: number,
  seek: (eventIndex: number) => void,
  playPause: () => void,
): void {
  const latest = useLatest({ session, position, seek, playPause });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { session: current, position: at, seek: go, playPause: toggle } = latest.current;
      if (!current) return;
      const target = event.target as HTMLElement | null;
      const action = keyAction({
        key: event.key,
        shiftKey: event.shiftKey,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        targetTag: target?.tagName ?? '',
        targetType: (target as HTMLInputElement | null)?.type ?? '',
      });
      if (!action) return;
      event.preventDefault();
      const marks = current.trace.marks.map((mark) => mark.eventIndex);
      switch (action) {
        case 'step-back':
          return go(at - 1);
        case 'step-forward':
          return go(at + 1);
        case 'previous-mark': {
          const to = previousPosition(marks, at);
          return to >= 0 ? go(to) : undefined;
        }
        case 'next-mark': {
          const to = nextPosition(marks, at);
          return to >= 0 ? go(to) : undefined;
        }
        default:
          return toggle();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [latest]);
}
