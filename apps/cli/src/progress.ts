/**
 * Replaying with a progress bar on standard error — only on a terminal and only for
 * recordings big enough to take about a second; nothing at all on pipes.
 */

import type { Replayer } from '@pymem/runtime';
import { SingleBar } from 'cli-progress';
import type { Io } from './io.ts';

/** Recordings smaller than this replay in well under a second: no bar. */
const WORTH_A_BAR = 2_000_000;
const STEP = 250_000;

/** Runs `replayer` to `eventIndex`, drawing a bar on stderr when that is useful. */
export function replayWithProgress(io: Io, replayer: Replayer, eventIndex: number): void {
  const todo = eventIndex - replayer.position;
  if (!io.progress || todo < WORTH_A_BAR) {
    replayer.runTo(eventIndex);
    return;
  }
  const bar = new SingleBar({
    format: `replaying [{bar}] {percentage}% | {value}/{total} events`,
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(eventIndex, replayer.position);
  while (replayer.position < eventIndex) {
    replayer.runTo(Math.min(eventIndex, replayer.position + STEP));
    bar.update(replayer.position);
  }
  bar.stop();
}
