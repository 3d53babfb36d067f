/**
 * Playback: while playing, the position advances once per animation frame by a step
 * that crosses the whole recording in `speed` seconds (`playbackStep`), and stops at
 * the end. Playing is kept per recording: opening another one stops it.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ViewerSession } from '../model/session.ts';
import { playbackStep } from '../time/mark-navigation.ts';
import { useLatest } from './use-latest.ts';
import type { Position } from './use-position.ts';

/** Playback state and controls. */
export interface Playback {
  readonly playing: boolean;
  readonly speed: number;
  readonly setSpeed: (speed: number) => void;
  /** Plays (from the start when at the end) or pauses. */
  readonly playPause: () => void;
}

/** Plays `session` by moving `position`. */
export function usePlayback(session: ViewerSession | null, position: Position): Playback {
  const [playingIn, setPlayingIn] = useState<ViewerSession | null>(null);
  const [speed, setSpeed] = useState(30);
  const playing = session !== null && playingIn === session;
  const latest = useLatest({ session, playing, position });
  /*
   * The pending animation frame, cancelled by `playPause` itself: the effect's cleanup
   * only runs after the next paint, and a frame that fired before it would move the
   * position past the one the user paused at.
   */
  const frame = useRef(0);

  useEffect(() => {
    if (!playing || !session) return;
    const step = playbackStep(session.length, speed);
    frame.current = requestAnimationFrame(function advance() {
      const at = latest.current.position.position;
      if (at >= session.length) {
        setPlayingIn(null);
        return;
      }
      latest.current.position.setPosition(Math.min(session.length, at + step));
      frame.current = requestAnimationFrame(advance);
    });
    return () => cancelAnimationFrame(frame.current);
  }, [playing, speed, session, latest]);

  const playPause = useCallback(() => {
    const { session: current, playing: was, position: at } = latest.current;
    if (!current) return;
    if (!was && at.position >= current.length) at.setPosition(0);
    if (was) {
      cancelAnimationFrame(frame.current);
      at.cancel();
    }
    setPlayingIn(was ? null : current);
  }, [latest]);

  return { playing, speed, setSpeed, playPause };
}
