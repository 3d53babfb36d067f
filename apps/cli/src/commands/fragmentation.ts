/**
 * `pymem fragmentation FILE [--at N | --mark LABEL]`: per arena, the bytes used, the
 * pools used / empty / never carved, and what keeps it from being released — size
 * classes, and with allocation sites the source lines of the live blocks; with a heap
 * snapshot at or before the point, the types of the objects pinning each nearly empty
 * arena.
 */
import { analyzeFragmentation, arenaPinning, snapshotAt } from '@pymem/analysis';
import type { ProfileName } from '@pymem/versions';
import { count, mib, percent } from '../format.ts';
import { colors, type Io, printJson } from '../io.ts';
import { loadRecording, type ReadOptions, resolvePoint, wholeTrace } from '../load.ts';
import { arenaTable, peakAndNow, pinningTable } from './report.ts';

/** Options of `pymem fragmentation`. */
export interface FragmentationOptions extends ReadOptions {
  readonly profile?: ProfileName;
  readonly at?: string;
  readonly mark?: string;
  readonly json?: boolean;
}

/** Runs the command; returns the exit status. */
export async function fragmentationCommand(
  io: Io,
  file: string,
  options: FragmentationOptions,
): Promise<number> {
  const { trace, warnings } = await loadRecording(io, file, options);
  const point = resolvePoint(trace, options);
  const analysis = analyzeFragmentation(trace, point, options.profile);
  // Pinning objects need the events' columns: only with a heap snapshot is it read whole.
  const pinning = snapshotAt(trace, point)
    ? arenaPinning(await wholeTrace(file, trace, options), point, options.profile)
    : null;
  if (options.json) {
    printJson(io, { ...analysis, pinning, warnings });
    return 0;
  }
  const c = colors(io);
  const where =
    point.mark !== null
      ? `mark "${point.mark}" (event ${count(point.eventIndex)})`
      : `event ${count(point.eventIndex)} of ${count(trace.length)}`;
  const out = [
    `${c.bold('pymem fragmentation')}  ${file} at ${where}`,
    ...peakAndNow(analysis, c.bold),
    '',
  ];
  out.push(
    `  bytes in arenas ${mib(analysis.now.bytesInArenas)}, in live blocks ${mib(analysis.now.bytesInBlocks)} ` +
      `(${percent(analysis.now.bytesInBlocks, analysis.now.bytesInArenas)})`,
    '',
  );
  out.push(...arenaTable(analysis, Number.POSITIVE_INFINITY, c.dim, c.yellow));
  if (analysis.hasSites) {
    out.push('', c.bold('Source lines pinning each arena (live blocks, requested bytes)'));
    for (const arena of analysis.arenas) {
      const top = arena.sites
        .slice(0, 3)
        .map((pin) => `${pin.site} ×${count(pin.blocks)} (${count(pin.bytes)} B)`);
      out.push(
        `  ${String(arena.index).padStart(5)}  ${top.join(', ') || '-'}${arena.sites.length > 3 ? ', …' : ''}`,
      );
    }
  } else {
    out.push(c.dim('  (record with --sites 1 to see which source lines pin each arena)'));
  }
  if (pinning && pinning.arenas.length > 0) out.push('', ...pinningTable(pinning, c.bold, 5));
  io.out(`${out.join('\n')}\n`);
  return 0;
}
