/**
 * `window.__pymemViewer`: what the browser tests and the bench read from the page —
 * the load status, timings measured in the page, and a few ways to drive it.
 */

import type { TimelineColumns } from '../model/timeline.ts';

/** Timings measured in the page, in milliseconds of `performance.now()`. */
export interface ViewerTimings {
  /** When the current load started. */
  openStart: number;
  /** When the worker handed the recording over. */
  loaded: number | null;
  /** When the heap map was first painted for it: the page is usable from then. */
  firstPaint: number | null;
  /** firstPaint − openStart. */
  timeToInteractive: number | null;
  /** Worker time reading and parsing. */
  readMs: number | null;
  /** Worker time replaying once (timeline and validation). */
  replayMs: number | null;
  /** When the loading worker started reading (page clock). */
  workerStart: number | null;
  /** When the worker posted the recording (page clock). */
  workerPosted: number | null;
  /** When every seek checkpoint was laid down. */
  warmed: number | null;
}

/** The hook's shape. */
export interface ViewerHook {
  status: 'empty' | 'loading' | 'ready';
  /** The one-line message of the last failed load, or null. */
  error: string | null;
  /** File name of the open recording. */
  name: string | null;
  /** Events in the open recording. */
  length: number;
  /** True when the open recording is read chunk by chunk. */
  chunked: boolean;
  /** The timeline's samples of the open recording (as the charts draw them), or null. */
  timeline: TimelineColumns | null;
  /** Current event index. */
  position: number;
  timings: ViewerTimings;
  /** Seeks and repaints the heap map synchronously; returns the milliseconds it took. */
  seekAndPaint(eventIndex: number): number;
  /** Seeks through the page's state; resolves after the next paint with the milliseconds. */
  seek(eventIndex: number): Promise<number>;
  /**
   * Client coordinates of the heap-map pixel showing byte `offset` of pool `pool` of
   * arena object `arena`, or null when that arena is not drawn.
   */
  pointOf(arena: number, pool: number, offset: number): { x: number; y: number } | null;
}

declare global {
  interface Window {
    __pymemViewer?: ViewerHook;
  }
}

/** Fresh timings for a load starting now. */
export function startTimings(now: number): ViewerTimings {
  return {
    openStart: now,
    loaded: null,
    firstPaint: null,
    timeToInteractive: null,
    readMs: null,
    replayMs: null,
    workerStart: null,
    workerPosted: null,
    warmed: null,
  };
}
