/**
 * `pymem timeline FILE [--csv] [--points N]`: arenas held, bytes in live blocks and
 * utilisation over the recording, with its marks and GC collections — as a terminal
 * chart, CSV or JSON.
 */

import { timeline } from '@pymem/analysis';
import type { ProfileName } from '@pymem/versions';
import * as chartModule from 'asciichart';
import { count, mib } from '../format.ts';
import { colors, type Io, printJson } from '../io.ts';
import { loadRecording, type ReadOptions } from '../load.ts';

// asciichart is CommonJS: under ESM its exports arrive as the namespace's default.
const asciichart: typeof chartModule =
  (chartModule as unknown as { default?: typeof chartModule }).default ?? chartModule;

/** Options of `pymem timeline`. */
export interface TimelineOptions extends ReadOptions {
  readonly profile?: ProfileName;
  readonly csv?: boolean;
  readonly json?: boolean;
  /** Evenly spaced samples, 2 to 10000 (main.ts parses `--points`, default 60). */
  readonly points: number;
}

/** Runs the command; returns the exit status. */
export async function timelineCommand(
  io: Io,
  file: string,
  options: TimelineOptions,
): Promise<number> {
  const { points } = options;
  const { trace, warnings } = await loadRecording(io, file, options);
  const { profile, arenaSize, samples } = timeline(trace, points, options.profile);
  if (options.json) {
    printJson(io, {
      python: trace.header.python,
      profile,
      events: trace.length,
      arenaSize,
      samples,
      gcCollections: trace.gcCollections.map(({ seq: _seq, ...collection }) => collection),
      warnings,
    });
    return 0;
  }
  if (options.csv) {
    const rows = ['event,arenas,bytes_in_arenas,bytes_in_blocks,utilisation,mark,gc_collections'];
    for (const s of samples) {
      const mark = s.mark === null ? '' : `"${s.mark.replace(/"/g, '""')}"`;
      rows.push(
        `${s.eventIndex},${s.arenas},${s.bytesInArenas},${s.bytesInBlocks},${s.utilisation.toFixed(4)},${mark},${s.gcCollections}`,
      );
    }
    io.out(`${rows.join('\n')}\n`);
    return 0;
  }
  const c = colors(io);
  const MiB = 1024 * 1024;
  const chart = asciichart.plot(
    [samples.map((s) => s.bytesInArenas / MiB), samples.map((s) => s.bytesInBlocks / MiB)],
    {
      height: 12,
      format: (value: number) => `${value.toFixed(1).padStart(7)} MiB `,
      ...(io.color ? { colors: [asciichart.blue, asciichart.green] } : {}),
    },
  );
  const pad = ' '.repeat(13);
  const ticks = samples
    .map((s) => (s.mark !== null ? '^' : s.gcCollections > 0 ? '·' : ' '))
    .join('');
  const out = [
    `${c.bold('pymem timeline')}  ${file}: CPython ${trace.header.python}, ${count(trace.length)} events`,
    `  ${io.color ? c.blue('───') : '─── (upper)'} arenas held   ${io.color ? c.green('───') : '─── (lower)'} bytes in live blocks`,
    '',
    chart,
    `${pad}${ticks}`,
    `${pad}event 0${' '.repeat(Math.max(1, samples.length - 7 - count(trace.length).length))}${count(trace.length)}`,
    `${pad}^ mark   · GC collection`,
    '',
  ];
  for (const s of samples.filter((sample) => sample.mark !== null)) {
    out.push(
      `  mark "${s.mark}" at event ${count(s.eventIndex)}: ${s.arenas} arenas (${mib(s.bytesInArenas)}), ${mib(s.bytesInBlocks)} in blocks`,
    );
  }
  if (trace.gcCollections.length > 0)
    out.push(`  ${trace.gcCollections.length} GC collections recorded`);
  io.out(`${out.join('\n')}\n`);
  return 0;
}
