/**
 * `pymem report [FILE]` — the main job: what a recording's memory looked like, why
 * it did not go back down, and what to try next. With no FILE it reports on the
 * bundled example recording (a small web service, CPython 3.12).
 */
import { fileURLToPath } from 'node:url';
import { collectMallocStats, summarizeArenas } from '@pymem/obmalloc';
import { Replayer } from '@pymem/tracing';
import { readTraceFile } from '@pymem/tracing/node';
import type { ProfileName } from '@pymem/versions';
import { colors, type Io } from '../io.ts';

/** The recording `pymem` reports on when given no file. */
export const BUNDLED_EXAMPLE: string = fileURLToPath(
  new URL('../../examples/requests.pymem.txt.br', import.meta.url),
);

/** Arenas used less than this are called nearly empty. */
const NEARLY_EMPTY = 0.25;

const MiB = 1024 * 1024;
const n = (value: number) => value.toLocaleString('en-US');
const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;
const pct = (part: number, whole: number) =>
  `${whole === 0 ? '0.0' : ((100 * part) / whole).toFixed(1)}%`;

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
  const { trace, warnings } = await readTraceFile(path);
  for (const warning of warnings) io.err(`pymem: warning: ${path}: ${warning}\n`);
  let arenas = 0;
  let peak = { arenas: 0, eventIndex: 0 };
  const replayer: Replayer = new Replayer(trace, {
    ...(options.profile ? { profile: options.profile } : {}),
    listener: (event) => {
      if (event.type === 'arena-new') {
        arenas++;
        if (arenas > peak.arenas) peak = { arenas, eventIndex: replayer.position - 1 };
      } else if (event.type === 'arena-release') arenas--;
    },
  });
  const marks = trace.marks.map((mark) => {
    replayer.runTo(mark.eventIndex);
    const stats = collectMallocStats(replayer.model.state);
    return {
      label: mark.label,
      eventIndex: mark.eventIndex,
      arenas: stats.arenasAllocatedCurrent,
      bytesInBlocks: stats.bytesInAllocatedBlocks,
    };
  });
  replayer.runToEnd();
  const arenaSize = replayer.model.constants.arenaSize;
  const stats = collectMallocStats(replayer.model.state);
  const summaries = summarizeArenas(replayer.model);
  const nearlyEmpty = summaries.filter((arena) => arena.usedBytes < NEARLY_EMPTY * arenaSize);
  const program = trace.comments
    .find((comment) => comment.text.startsWith(' argv '))
    ?.text.slice(6);
  const report = {
    file:
      path === BUNDLED_EXAMPLE ? 'bundled example (apps/cli/examples/requests.pymem.txt.br)' : path,
    program: program ?? null,
    python: trace.header.python,
    profile: replayer.profile,
    events: trace.length,
    arenaSize,
    peak: { arenas: peak.arenas, bytes: peak.arenas * arenaSize, eventIndex: peak.eventIndex },
    final: {
      arenas: stats.arenasAllocatedCurrent,
      bytesInArenas: stats.arenasAllocatedCurrent * arenaSize,
      bytesInBlocks: stats.bytesInAllocatedBlocks,
      utilisation:
        stats.arenasAllocatedCurrent === 0
          ? 0
          : stats.bytesInAllocatedBlocks / (stats.arenasAllocatedCurrent * arenaSize),
    },
    nearlyEmpty: {
      threshold: NEARLY_EMPTY,
      arenas: nearlyEmpty.length,
      liveBlocks: nearlyEmpty.reduce((sum, arena) => sum + arena.blocks, 0),
      bytesReleasable: nearlyEmpty.length * arenaSize,
    },
    arenas: summaries.map((arena) => ({
      index: arena.index,
      address: `0x${arena.address.toString(16)}`,
      usedBytes: arena.usedBytes,
      blocks: arena.blocks,
      poolsUsed: arena.poolsUsed,
      poolsEmpty: arena.poolsEmpty,
      poolsVirgin: arena.poolsVirgin,
      pinnedBy: arena.pinnedBy,
    })),
    marks,
  };
  if (options.json) {
    io.out(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  }

  const c = colors(io);
  const out: string[] = [];
  out.push(`${c.bold('pymem report')}  ${report.file}`);
  if (program) out.push(`  program   ${program}`);
  out.push(
    `  CPython   ${trace.header.python} (profile ${replayer.profile}), ${n(trace.length)} allocator events, ` +
      `${marks.length} mark${marks.length === 1 ? '' : 's'}`,
  );
  out.push('', c.bold(`Arenas (${n(arenaSize)} bytes each)`));
  const peakMark = marks.find((mark) => mark.eventIndex > peak.eventIndex);
  out.push(
    `  peak  ${String(peak.arenas).padStart(4)} arenas  ${mib(peak.arenas * arenaSize).padStart(9)}  at event ${n(peak.eventIndex)}` +
      (peakMark ? ` (before mark "${peakMark.label}")` : ''),
  );
  out.push(
    `  now   ${String(report.final.arenas).padStart(4)} arenas  ${mib(report.final.bytesInArenas).padStart(9)}  ` +
      `holding ${mib(report.final.bytesInBlocks)} of live blocks: ` +
      c.bold(`${pct(report.final.bytesInBlocks, report.final.bytesInArenas)} used`),
  );
  if (marks.length > 0) {
    out.push('', c.bold('Marks'));
    const width = Math.max(...marks.map((mark) => mark.label.length), 5);
    for (const mark of marks) {
      out.push(
        `  ${(mark.label || '(none)').padEnd(width)}  event ${n(mark.eventIndex).padStart(9)}  ` +
          `${String(mark.arenas).padStart(3)} arenas  ${mib(mark.bytesInBlocks).padStart(9)} in blocks`,
      );
    }
  }
  out.push('', c.bold('Why it does not go back down'));
  out.push('  An arena returns to the OS only when every one of its pools is empty.');
  out.push(
    c.dim(
      '  arena  used    live blocks  pools used/empty/virgin  pinned by (block size × live blocks)',
    ),
  );
  const limit = options.arenas ?? 12;
  for (const arena of summaries.slice(0, limit)) {
    const pinned = arena.pinnedBy
      .slice(0, 4)
      .map((usage) => `${usage.size} B×${n(usage.blocks)}`)
      .join(', ');
    out.push(
      `  ${String(arena.index).padStart(5)}  ${pct(arena.usedBytes, arenaSize).padStart(5)}  ${n(arena.blocks).padStart(11)}  ` +
        `${`${arena.poolsUsed}/${arena.poolsEmpty}/${arena.poolsVirgin}`.padEnd(23)}  ${pinned}${arena.pinnedBy.length > 4 ? ', …' : ''}`,
    );
  }
  if (summaries.length > limit)
    out.push(c.dim(`  … and ${summaries.length - limit} more arenas (--json lists all)`));
  out.push(
    nearlyEmpty.length > 0
      ? `  ${c.yellow(`${nearlyEmpty.length} of ${summaries.length} arenas are less than ${NEARLY_EMPTY * 100}% used`)}: ` +
          `freeing their ${n(report.nearlyEmpty.liveBlocks)} live blocks would let pymalloc return ${mib(report.nearlyEmpty.bytesReleasable)}.`
      : '  Every arena is at least 25% used: little is stranded.',
  );
  const shown = path === BUNDLED_EXAMPLE ? 'apps/cli/examples/requests.pymem.txt.br' : path;
  out.push('', c.bold('Try next'));
  out.push(
    `  pymem replay ${shown} --verify   prove the model matches CPython pointer for pointer`,
  );
  out.push(
    `  pymem replay ${shown} --stats    CPython's own _debugmallocstats block, from the model`,
  );
  out.push(
    '  pymem record -o app.pymem.txt app.py   record your own program, then: pymem report app.pymem.txt',
  );
  io.out(`${out.join('\n')}\n`);
  return 0;
}
