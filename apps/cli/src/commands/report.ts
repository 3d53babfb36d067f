/**
 * `pymem report [FILE]` — the main job: what a recording's memory looked like, why
 * it did not go back down, and what to try next. With no FILE it reports on the
 * bundled example recording (a small web service, CPython 3.12).
 */
import { fileURLToPath } from 'node:url';
import type { ProfileName } from '@pymem/versions';
import {
  analyzeFragmentation,
  type Fragmentation,
  NEARLY_EMPTY,
} from '../analysis/fragmentation.ts';
import { count, mib, percent } from '../format.ts';
import { colors, type Io } from '../io.ts';
import { openTrace } from '../load.ts';

/** The recording `pymem` reports on when given no file. */
export const BUNDLED_EXAMPLE: string = fileURLToPath(
  new URL('../../examples/requests.pymem.txt.br', import.meta.url),
);
const BUNDLED_NAME = 'apps/cli/examples/requests.pymem.txt.br';

/** Options of `pymem report`. */
export interface ReportOptions {
  readonly profile?: ProfileName;
  readonly json?: boolean;
  /** How many arena rows to print (the rest are summarised). */
  readonly arenas?: number;
}

/** Runs the report; returns the exit status. */
export async function reportCommand(
  io: Io,
  file: string | undefined,
  options: ReportOptions,
): Promise<number> {
  const path = file ?? BUNDLED_EXAMPLE;
  const trace = await openTrace(io, path);
  const analysis = analyzeFragmentation(
    trace,
    { eventIndex: trace.length, mark: null },
    options.profile,
  );
  const program =
    trace.comments.find((comment) => comment.text.startsWith(' argv '))?.text.slice(6) ?? null;
  const shown = path === BUNDLED_EXAMPLE ? BUNDLED_NAME : path;
  if (options.json) {
    io.out(`${JSON.stringify({ file: shown, program, ...analysis }, null, 2)}\n`);
    return 0;
  }
  const c = colors(io);
  const out: string[] = [];
  out.push(
    `${c.bold('pymem report')}  ${path === BUNDLED_EXAMPLE ? `bundled example (${BUNDLED_NAME})` : path}`,
  );
  if (program) out.push(`  program   ${program}`);
  out.push(
    `  CPython   ${analysis.python} (profile ${analysis.profile}), ${count(analysis.events)} allocator events, ` +
      `${analysis.marks.length} mark${analysis.marks.length === 1 ? '' : 's'}`,
  );
  out.push('', c.bold(`Arenas (${count(analysis.arenaSize)} bytes each)`));
  out.push(...peakAndNow(analysis, c.bold));
  if (analysis.marks.length > 0) {
    out.push('', c.bold('Marks'));
    const width = Math.max(...analysis.marks.map((mark) => mark.label.length), 5);
    for (const mark of analysis.marks) {
      out.push(
        `  ${(mark.label || '(none)').padEnd(width)}  event ${count(mark.eventIndex).padStart(9)}  ` +
          `${String(mark.arenas).padStart(3)} arenas  ${mib(mark.bytesInBlocks).padStart(9)} in blocks`,
      );
    }
  }
  out.push('', c.bold('Why it does not go back down'));
  out.push('  An arena returns to the OS only when every one of its pools is empty.');
  out.push(...arenaTable(analysis, options.arenas ?? 12, c.dim, c.yellow));
  const pinning = pinningLines(analysis);
  if (pinning.length > 0) {
    out.push('', c.bold('Source lines whose live blocks keep the nearly empty arenas'));
    for (const pin of pinning.slice(0, 5)) {
      out.push(`  ${pin.site}: ${count(pin.blocks)} blocks, ${count(pin.bytes)} B requested`);
    }
  }
  out.push('', c.bold('Try next'));
  out.push(
    `  pymem replay ${shown} --verify   prove the model matches CPython pointer for pointer`,
  );
  out.push(
    `  pymem replay ${shown} --stats    CPython's own _debugmallocstats block, from the model`,
  );
  out.push(
    `  pymem view ${shown}               see every arena, pool and block over time in the browser`,
  );
  out.push(
    '  pymem record --sites 1 -o app.pmt app.py   record your own program, then: pymem report app.pmt',
  );
  io.out(`${out.join('\n')}\n`);
  return 0;
}

/** Sites of the live blocks in the nearly empty arenas, most bytes first. */
export function pinningLines(
  analysis: Fragmentation,
): { site: string; blocks: number; bytes: number }[] {
  const limit = NEARLY_EMPTY * analysis.arenaSize;
  const total = new Map<string, { site: string; blocks: number; bytes: number }>();
  for (const arena of analysis.arenas.filter((row) => row.usedBytes < limit)) {
    for (const pin of arena.sites) {
      const entry = total.get(pin.site) ?? { site: pin.site, blocks: 0, bytes: 0 };
      entry.blocks += pin.blocks;
      entry.bytes += pin.bytes;
      total.set(pin.site, entry);
    }
  }
  return [...total.values()].sort((x, y) => y.bytes - x.bytes || x.site.localeCompare(y.site));
}

/** The "peak" and "now" lines. */
export function peakAndNow(analysis: Fragmentation, bold: (text: string) => string): string[] {
  const peakMark = analysis.marks.find((mark) => mark.eventIndex > analysis.peak.eventIndex);
  return [
    `  peak  ${String(analysis.peak.arenas).padStart(4)} arenas  ${mib(analysis.peak.bytes).padStart(9)}  ` +
      `at event ${count(analysis.peak.eventIndex)}${peakMark ? ` (before mark "${peakMark.label}")` : ''}`,
    `  now   ${String(analysis.now.arenas).padStart(4)} arenas  ${mib(analysis.now.bytesInArenas).padStart(9)}  ` +
      `holding ${mib(analysis.now.bytesInBlocks)} of live blocks: ` +
      bold(`${percent(analysis.now.bytesInBlocks, analysis.now.bytesInArenas)} used`),
  ];
}

/** The per-arena table and the nearly-empty summary line. */
export function arenaTable(
  analysis: Fragmentation,
  limit: number,
  dim: (text: string) => string,
  warn: (text: string) => string,
): string[] {
  const out = [
    dim(
      '  arena  used    live blocks  pools used/empty/virgin  pinned by (block size × live blocks)',
    ),
  ];
  for (const arena of analysis.arenas.slice(0, limit)) {
    const pinned = arena.pinnedBy
      .slice(0, 4)
      .map((usage) => `${usage.size} B×${count(usage.blocks)}`)
      .join(', ');
    out.push(
      `  ${String(arena.index).padStart(5)}  ${percent(arena.usedBytes, analysis.arenaSize).padStart(5)}  ` +
        `${count(arena.blocks).padStart(11)}  ` +
        `${`${arena.poolsUsed}/${arena.poolsEmpty}/${arena.poolsVirgin}`.padEnd(23)}  ${pinned}${arena.pinnedBy.length > 4 ? ', …' : ''}`,
    );
  }
  if (analysis.arenas.length > limit) {
    out.push(dim(`  … and ${analysis.arenas.length - limit} more arenas (--json lists all)`));
  }
  const { nearlyEmpty } = analysis;
  out.push(
    nearlyEmpty.arenas > 0
      ? `  ${warn(`${nearlyEmpty.arenas} of ${analysis.arenas.length} arenas are less than ${NEARLY_EMPTY * 100}% used`)}: ` +
          `freeing their ${count(nearlyEmpty.liveBlocks)} live blocks would let pymalloc return ${mib(nearlyEmpty.bytesReleasable)}.`
      : `  Every arena is at least ${NEARLY_EMPTY * 100}% used: little is stranded.`,
  );
  return out;
}
