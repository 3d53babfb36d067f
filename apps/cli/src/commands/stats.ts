/**
 * `pymem stats FILE [--at N | --mark LABEL]`: CPython's `_debugmallocstats` pymalloc
 * block, computed by the model at that point of the recording.
 */
import { collectMallocStats, formatMallocStats } from '@pymem/obmalloc';
import { Replayer } from '@pymem/runtime';
import type { ProfileName } from '@pymem/versions';
import type { Io } from '../io.ts';
import { printJson } from '../io.ts';
import { loadRecording, type ReadOptions, resolvePoint } from '../load.ts';

/** Options of `pymem stats`. */
export interface StatsOptions extends ReadOptions {
  readonly profile?: ProfileName;
  readonly at?: string;
  readonly mark?: string;
  readonly json?: boolean;
}

/** Runs the command; returns the exit status. */
export async function statsCommand(io: Io, file: string, options: StatsOptions): Promise<number> {
  const { trace, warnings } = await loadRecording(io, file, options);
  const point = resolvePoint(trace, options);
  const replayer = new Replayer(trace, options.profile ? { profile: options.profile } : {});
  replayer.runTo(point.eventIndex);
  const stats = collectMallocStats(replayer.model);
  if (options.json) {
    printJson(io, {
      python: trace.header.python,
      profile: replayer.profile,
      point,
      allocatedBlocks: replayer.model.getAllocatedBlocks(),
      stats,
      warnings,
    });
  } else io.out(formatMallocStats(stats));
  return 0;
}
