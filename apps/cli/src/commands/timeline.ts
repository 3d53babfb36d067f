/**
 * `pymem timeline FILE [--csv] [--points N]`: arenas held, bytes in live blocks and
 * utilisation over the recording, with its marks and GC collections — as a terminal
 * chart, CSV or JSON.
 */

import { collectMallocStats } from '@pymem/obmalloc';
import { Replayer } from '@pymem/runtime';
import type { ProfileName } from '@pymem/versions';
import * as chartModule from 'asciichart';
import { CliError } from '../exit-codes.ts';
import { count, mib } from '../format.ts';
import { colors, type Io } from '../io.ts';
import { openTrace } from '../load.ts';

// asciichart is CommonJS: under ESM its exports arrive as the namespace's default.
const asciichart: typeof chartModule =
  (chartModule as unknown as { default?: typeof chartModule }).default ?? chartModule;

/** Options of `pymem timeline`. */
export interface TimelineOptions {
  readonly profile?: ProfileName;
  readonly csv?: boolean;
  readonly json?: boolean;
  readonly points?: string;
}

/** One sampled point. */
export interface TimelineSample {
  readonly eventIndex: number;
  readonly arenas: number;
  readonly bytesInArenas: number;
  readonly bytesInBlocks: number;
  readonly utilisation: number;
  /** The mark at this point, if the sample is a mark. */
  readonly mark: string | null;
  /** GC collections since the previous sample. */
  readonly gcCollections: number;
}

/** Runs the command; returns the exit status. */
export async function timelineCommand(
  io: Io,
  file: string,
  options: TimelineOptions,
): Promise<number> {
  const points = options.points === undefined ? 60 : Number(options.points);
  if (!Number.isInteger(points) || points < 2 || points > 10_000) {
    throw new CliError(
      'usage',
      `--points takes a whole number from 2 to 10000, not "${options.points}"`,
    );
  }
  const trace = await openTrace(io, file);
  const replayer = new Replayer(trace, options.profile ? { profile: options.profile } : {});
  const arenaSize = replayer.model.constants.arenaSize;
  const indexes = new Set<number>();
  for (let k = 0; k < points; k++) indexes.add(Math.round((k * trace.length) / (points - 1)));
  const marksAt = new Map<number, string>();
  for (const mark of trace.marks) {
    indexes.add(mark.eventIndex);
    if (!marksAt.has(mark.eventIndex)) marksAt.set(mark.eventIndex, mark.label);
  }
  const samples: TimelineSample[] = [];
  let gc = 0;
  for (const eventIndex of [...indexes].sort((x, y) => x - y)) {
    replayer.runTo(eventIndex);
    const stats = collectMallocStats(replayer.model.state);
    const bytesInArenas = stats.arenasAllocatedCurrent * arenaSize;
    let collections = 0;
    while (gc < trace.gcCollections.length && trace.gcCollections[gc]!.eventIndex <= eventIndex) {
      gc++;
      collections++;
    }
    samples.push({
      eventIndex,
      arenas: stats.arenasAllocatedCurrent,
      bytesInArenas,
      bytesInBlocks: stats.bytesInAllocatedBlocks,
      utilisation: bytesInArenas === 0 ? 0 : stats.bytesInAllocatedBlocks / bytesInArenas,
      mark: marksAt.get(eventIndex) ?? null,
      gcCollections: collections,
    });
  }
  if (options.json) {
    io.out(
      `${JSON.stringify(
        {
          python: trace.header.python,
          profile: replayer.profile,
          events: trace.length,
          arenaSize,
          samples,
          gcCollections: trace.gcCollections.map(({ seq: _seq, ...collection }) => collection),
        },
        null,
        2,
      )}\n`,
    );
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
