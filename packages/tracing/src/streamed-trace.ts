/**
 * A recording whose events are read on demand, a chunk at a time, instead of held in
 * columns: its header, length and notes sit in memory (they grow with marks, sites and
 * collections, not with events); each pass over its events decodes them again, one
 * window of consecutive events at a time.
 *
 * Invariants: the windows of one pass cover events 0 … length − 1 in order, without
 * gap or overlap; a window's columns are valid only until the next window is taken.
 */
import type { EventWindow, Trace, TraceNotes } from './trace.ts';

/** A recording read on demand (see the module comment). */
export interface StreamedTrace extends TraceNotes {
  /** True when some event is an arena allocation (`A`): replays take arena addresses from it. */
  readonly hasArenaEvents: boolean;
  /** A new pass over the events from the first, one window at a time. */
  windows(): Iterator<EventWindow>;
  /**
   * A new pass from the window holding event `eventIndex` (which may start before it),
   * where the recording can be read from the middle (a `.pmt` file's chunks).
   */
  windowsFrom?(eventIndex: number): Iterator<EventWindow>;
}

/** A recording held whole or read on demand. */
export type Recording = Trace | StreamedTrace;

/** True when `recording` is read on demand (it has no event columns). */
export function isStreamed(recording: Recording): recording is StreamedTrace {
  return 'windows' in recording;
}
