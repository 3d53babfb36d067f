/**
 * tracemalloc's `take_snapshot()` over a recording: the live object-allocator blocks
 * at the replayer's position, with their request sizes and allocation sites.
 *
 * Same as CPython's tracemalloc for what the recording holds (mem and obj domains,
 * request sizes, most recent frame first, domain 0 for every trace); a block with no
 * recorded site gets `<unknown>:0` and total_nframe 1, as tracemalloc reports a stack
 * with no Python frame. Raw-domain blocks are left out (the replayer keeps them apart
 * from the object allocator's), where tracemalloc also counts them.
 */

import { type RawFrame, type RawTrace, Snapshot } from '@pymem/tracing';
import type { Replayer } from './replay.ts';

const UNKNOWN: readonly RawFrame[] = [['<unknown>', 0]];

/**
 * A tracemalloc `Snapshot` of the live blocks now.
 *
 * @param replayer created with `trackBlocks: true`
 * @param tracebackLimit the `traceback_limit` the snapshot reports (default: the
 *   recording's frames per site, at least 1)
 */
export function takeSnapshot(replayer: Replayer, tracebackLimit?: number): Snapshot {
  const trace = replayer.trace;
  const names = trace.filenames.map((definition) => definition.filename);
  const frames = trace.tracebacks.map((definition) =>
    definition.frames.map((frame): RawFrame => [names[frame.filename]!, frame.lineno]),
  );
  const traces: RawTrace[] = [];
  for (const block of replayer.liveBlocks()) {
    const site = block.site >= 0 ? trace.tracebacks[block.site] : undefined;
    traces.push(
      site ? [0, block.size, frames[block.site]!, site.totalFrames] : [0, block.size, UNKNOWN, 1],
    );
  }
  const limit =
    tracebackLimit ??
    Math.max(1, ...trace.tracebacks.map((definition) => definition.frames.length));
  return new Snapshot(traces, limit);
}
