/**
 * Moving between the notes of a recording: the previous and next mark (or any sorted
 * list of event positions) from the current event, and tick placement on the scrubber.
 */

/** The last position in `positions` (sorted ascending) strictly before `eventIndex`, or −1. */
export function previousPosition(positions: readonly number[], eventIndex: number): number {
  let found = -1;
  for (const position of positions) {
    if (position < eventIndex) found = position;
    else break;
  }
  return found;
}

/** The first position in `positions` (sorted ascending) strictly after `eventIndex`, or −1. */
export function nextPosition(positions: readonly number[], eventIndex: number): number {
  for (const position of positions) if (position > eventIndex) return position;
  return -1;
}

/** Where a tick for `eventIndex` sits along a scrubber, as a fraction 0 … 1. */
export function tickFraction(eventIndex: number, length: number): number {
  return length <= 0 ? 0 : Math.max(0, Math.min(1, eventIndex / length));
}

/** Events to advance per animation frame so playback crosses the recording in `seconds`. */
export function playbackStep(length: number, seconds: number, fps = 60): number {
  return Math.max(1, Math.round(length / (seconds * fps)));
}
