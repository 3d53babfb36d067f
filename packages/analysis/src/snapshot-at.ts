/**
 * Which heap snapshot describes a point of a recording: the last complete snapshot
 * taken at or before it. A snapshot sits at one position of the event stream (its
 * `eventIndex`, the same as its mark's); it is `exact` for a point at that position,
 * and describes an earlier instant for any later point.
 */
import type { HeapSnapshot, TraceNotes } from '@pymem/tracing';
import type { Point } from './fragmentation.ts';

/** A snapshot found for a point. */
export interface SnapshotAtPoint {
  readonly snapshot: HeapSnapshot;
  /** True when the snapshot was taken at the point itself, false when before it. */
  readonly exact: boolean;
}

/** The last complete snapshot at or before `point`, or null when there is none. */
export function snapshotAt(trace: TraceNotes, point: Point): SnapshotAtPoint | null {
  let found: HeapSnapshot | null = null;
  for (const snapshot of trace.heapSnapshots ?? []) {
    if (!snapshot.complete || snapshot.eventIndex > point.eventIndex) continue;
    // At one position the snapshot labelled like the point's mark wins.
    if (
      !found ||
      snapshot.eventIndex > found.eventIndex ||
      (snapshot.eventIndex === found.eventIndex && snapshot.label === point.mark)
    )
      found = snapshot;
  }
  return found ? { snapshot: found, exact: found.eventIndex === point.eventIndex } : null;
}
