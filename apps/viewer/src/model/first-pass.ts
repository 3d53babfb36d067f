/**
 * The one replay of a recording done when it is opened (in the loading worker):
 *
 *   - proves the model can follow it (a recording it cannot follow throws the
 *     replayer's TraceFormatError, naming the line);
 *   - samples the timeline (timeline.ts);
 *   - keeps the state at the end, so the page can show the last event without
 *     replaying again (a checkpoint survives structured cloning: it is typed arrays,
 *     maps, sets and numbers, and `Replayer.restore` reads only those);
 *
 * Block lifetimes (blockLifetimes, @pymem/analysis), needed only by the top-sites panel, are computed
 * after the page has the recording.
 */
import { sampleIndices } from '@pymem/analysis';
import { Replayer, type Replayer as ReplayerType } from '@pymem/runtime';
import type { Recording } from '@pymem/tracing';
import { emptyTimeline, fillTimeline, TIMELINE_SAMPLES, type TimelineColumns } from './timeline.ts';

/** A replay checkpoint (what `Replayer.checkpoint()` returns). */
export type ReplayCheckpoint = ReturnType<ReplayerType['checkpoint']>;

/** What the first pass hands to the page. */
export interface FirstPass {
  readonly timeline: TimelineColumns;
  /** The replay state after the last event. */
  readonly end: ReplayCheckpoint;
}

/** Replays `trace` once; see the module comment. */
export function firstPass(trace: Recording, samples: number = TIMELINE_SAMPLES): FirstPass {
  const replayer = new Replayer(trace);
  const timeline = emptyTimeline(sampleIndices(trace.length, samples));
  fillTimeline(
    timeline,
    (eventIndex) => {
      replayer.runTo(eventIndex);
      return replayer.model;
    },
    Number.POSITIVE_INFINITY,
  );
  replayer.runToEnd();
  const { filled: _, ...columns } = timeline;
  return {
    timeline: columns,
    end: replayer.checkpoint(),
  };
}

/** The buffers of a checkpoint's typed arrays, for a transfer list. */
export function checkpointBuffers(checkpoint: ReplayCheckpoint): ArrayBuffer[] {
  return checkpoint.state.transferables();
}
