import { arenasAllocated } from '@pymem/obmalloc';
import { Replayer } from '@pymem/runtime';
import type { ProfileName } from '@pymem/versions';
import { colors, type Io, printJson } from '../io.ts';
import { loadRecording, type ReadOptions } from '../load.ts';
import { replayWithProgress } from '../progress.ts';

/** Options of `pymem replay`. */
export interface ReplayCommandOptions extends ReadOptions {
  readonly profile?: ProfileName;
  readonly stats?: boolean;
  readonly verify?: boolean;
  readonly json?: boolean;
}

/**
 * `pymem replay FILE`: replays a trace on the model. With `--stats` standard output
 * is exactly CPython's pymalloc statistics block (the summary goes to stderr); with
 * `--verify` the first divergence ends the run with exit 3 (thrown ReplayDivergence).
 */
export async function replayCommand(
  io: Io,
  file: string,
  options: ReplayCommandOptions,
): Promise<number> {
  const { trace, warnings } = await loadRecording(io, file, options);
  const replayer = new Replayer(trace, {
    ...(options.profile ? { profile: options.profile } : {}),
    verify: options.verify ?? false,
  });
  replayWithProgress(io, replayer, trace.length);
  const counts = replayer.counts;
  const summary = {
    file,
    python: trace.header.python,
    profile: replayer.profile,
    events: counts.events,
    addresses: replayer.addressMode,
    verified: options.verify ?? false,
    pointersChecked: counts.pointersChecked,
    marksChecked: counts.marksChecked,
    divergences: counts.divergences,
    arenasAllocatedCurrent: arenasAllocated(replayer.model),
    allocatedBlocks: replayer.model.getAllocatedBlocks(),
  };
  if (options.json) {
    printJson(io, {
      ...summary,
      ...(options.stats ? { stats: replayer.statsText() } : {}),
      warnings,
    });
    return 0;
  }
  const c = colors(io);
  const lines = [
    `replayed ${counts.events.toLocaleString('en-US')} events of CPython ${trace.header.python} ` +
      `(profile ${replayer.profile}), arena addresses ${replayer.addressMode === 'recorded' ? 'from the recording' : 'from the address model'}`,
  ];
  if (options.verify) {
    lines.push(
      c.green(
        `verified: ${counts.pointersChecked.toLocaleString('en-US')} pointers, every arena, and ` +
          `${counts.marksChecked} mark${counts.marksChecked === 1 ? '' : 's'} of statistics match CPython exactly`,
      ),
    );
  } else if (counts.divergences > 0) {
    lines.push(
      c.yellow(
        `${counts.divergences} events differ from the recording (run with --verify to see the first)`,
      ),
    );
  }
  const text = `${lines.join('\n')}\n`;
  if (options.stats) {
    io.err(text);
    io.out(replayer.statsText());
  } else io.out(text);
  return 0;
}
