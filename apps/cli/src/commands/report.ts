/**
 * `pymem report [FILE]` — the main job: what a recording's memory looked like, why
 * it did not go back down, and what to try next. With no FILE it reports on the
 * bundled example recording (a small web service, CPython 3.12).
 */
import { isAbsolute, relative } from 'node:path';
import {
  type ArenaPinningReport,
  analyzeFragmentation,
  arenaPinning,
  type FragmentationReport,
  NEARLY_EMPTY,
  snapshotAt,
  UNKNOWN_SITE,
} from '@pymem/analysis';
import type { TraceNotes } from '@pymem/tracing';
import type { ProfileName } from '@pymem/versions';
import { count, mib, percent } from '../format.ts';
import { colors, type Io, printJson } from '../io.ts';
import { loadRecording, type Point, type ReadOptions, resolvePoint, wholeTrace } from '../load.ts';
import { packageFile } from '../package-file.ts';

/** The mark the recorder takes as the program's atexit handlers run. */
const EXIT_MARK = 'exit';

/** The recording `pymem` reports on when given no file. */
export const BUNDLED_EXAMPLE: string = packageFile('examples/requests.pymem.txt.br');
const BUNDLED_NAME = 'apps/cli/examples/requests.pymem.txt.br';

/** Options of `pymem report`. */
export interface ReportOptions extends ReadOptions {
  readonly profile?: ProfileName;
  /** The point reported on (default: the `exit` mark, else the end). */
  readonly at?: string;
  readonly mark?: string;
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
  const { trace, warnings } = await loadRecording(io, path, options);
  const point =
    options.at !== undefined || options.mark !== undefined
      ? resolvePoint(trace, options)
      : defaultPoint(trace);
  const analysis = analyzeFragmentation(trace, point, options.profile);
  // Pinning objects need the events' columns: only with a heap snapshot is it read whole.
  const objectPins = snapshotAt(trace, point)
    ? arenaPinning(await wholeTrace(path, trace, options), point, options.profile)
    : null;
  const program =
    trace.comments.find((comment) => comment.text.startsWith(' argv '))?.text.slice(6) ?? null;
  const shown = path === BUNDLED_EXAMPLE ? runnablePath(BUNDLED_EXAMPLE) : path;
  if (options.json) {
    printJson(io, { file: shown, program, ...analysis, pinning: objectPins, warnings });
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
  out.push(`  at        ${describePoint(point, trace.length)}`);
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
    const top = pinning.slice(0, 5);
    for (const pin of top) {
      out.push(`  ${pin.site}: ${count(pin.blocks)} blocks, ${count(pin.bytes)} B requested`);
    }
    if (top.some((pin) => pin.site === UNKNOWN_SITE)) {
      out.push(
        c.dim(
          `  ${UNKNOWN_SITE}: blocks allocated with no Python frame running (interpreter start-up, C code, threads before their first frame)`,
        ),
      );
    }
  } else if (!analysis.hasSites && analysis.nearlyEmpty.arenas > 0) {
    out.push(
      '',
      `  This recording has no allocation sites: record with ${c.bold('--sites 1')} to see which lines pin them.`,
    );
  }
  if (objectPins && objectPins.arenas.length > 0)
    out.push('', ...pinningTable(objectPins, c.bold, 3));
  const outside = analysis.now.outsidePymalloc;
  out.push('', c.bold('Outside pymalloc'));
  out.push(
    `  ${count(outside.blocks)} live blocks, ${mib(outside.bytes)} requested, held by the raw allocator (malloc):`,
    '  requests over 512 bytes go there directly; no arena holds them and the figures above leave them out.',
  );
  const pymem = commandPrefix();
  out.push('', c.bold('Try next'));
  const tries: [string, string][] = [
    [`${pymem} replay ${shown} --verify`, 'prove the model matches CPython pointer for pointer'],
    [
      `${pymem} stats ${shown} --at ${point.mark ?? point.eventIndex}`,
      "CPython's own _debugmallocstats block at this point, from the model",
    ],
    [`${pymem} view ${shown}`, 'see every arena, pool and block over time in the browser'],
    [
      `${pymem} record --sites 1 -o app.pmt app.py`,
      `record your own program, then: ${pymem} report app.pmt`,
    ],
  ];
  const width = Math.max(...tries.map(([command]) => command.length));
  for (const [command, why] of tries) out.push(`  ${command.padEnd(width)}   ${c.dim(why)}`);
  io.out(`${out.join('\n')}\n`);
  return 0;
}

/**
 * The point a report describes by default: the automatic mark `exit` that the
 * recorder takes when the program's atexit handlers run (the program's last instant,
 * before interpreter shutdown tears modules down), else the end of the recording.
 */
export function defaultPoint(trace: TraceNotes): Point {
  const exit = [...trace.marks].reverse().find((mark) => mark.label === EXIT_MARK);
  return exit
    ? { eventIndex: exit.eventIndex, mark: EXIT_MARK }
    : { eventIndex: trace.length, mark: null };
}

function describePoint(point: Point, events: number): string {
  if (point.mark === EXIT_MARK)
    return `mark "exit", event ${count(point.eventIndex)}: the program's end, before interpreter shutdown`;
  if (point.mark !== null) return `mark "${point.mark}", event ${count(point.eventIndex)}`;
  return point.eventIndex === events
    ? `the end of the recording (event ${count(events)}; it has no "exit" mark)`
    : `event ${count(point.eventIndex)} of ${count(events)}`;
}

/** How to run pymem as the user did: `pnpm pymem` from the workspace, else `pymem`. */
function commandPrefix(): string {
  const script = process.env.npm_lifecycle_event;
  return script === 'pymem' || script === 'start' ? 'pnpm pymem' : 'pymem';
}

/** `path` relative to the working directory when it lies below it, else absolute. */
function runnablePath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown.startsWith('..') || isAbsolute(shown) ? path : shown;
}

/** Sites of the live blocks in the nearly empty arenas, most bytes first. */
export function pinningLines(
  analysis: FragmentationReport,
): { site: string; blocks: number; bytes: number }[] {
  const total = new Map<string, { site: string; blocks: number; bytes: number }>();
  for (const arena of analysis.arenas.filter((row) => row.status === 'nearly-empty')) {
    for (const pin of arena.sites) {
      const entry = total.get(pin.site) ?? { site: pin.site, blocks: 0, bytes: 0 };
      entry.blocks += pin.blocks;
      entry.bytes += pin.bytes;
      total.set(pin.site, entry);
    }
  }
  return [...total.values()].sort((x, y) => y.bytes - x.bytes || x.site.localeCompare(y.site));
}

/**
 * The objects pinning each nearly empty arena (see @pymem/analysis `arenaPinning`):
 * a heading naming the snapshot and whether it was taken at the point or before it,
 * then per arena its largest `limit` rows by bytes (objects, type, `sys.getsizeof`
 * bytes, allocating line).
 */
export function pinningTable(
  pinning: ArenaPinningReport,
  bold: (text: string) => string,
  limit: number,
): string[] {
  const when = pinning.exact
    ? 'taken at this point'
    : `taken before this point, at event ${count(pinning.snapshotEventIndex)}: objects created since are not in it`;
  const out = [
    bold(`Objects pinning the nearly empty arenas (heap snapshot "${pinning.snapshot}", ${when})`),
  ];
  for (const arena of pinning.arenas) {
    out.push(
      `  arena ${arena.arena}: ${count(arena.objects)} objects in its ${count(arena.blocks)} live blocks`,
    );
    for (const row of arena.rows.slice(0, limit))
      out.push(
        `    ${count(row.objects).padStart(7)} ${row.type.padEnd(12)} ${`${count(row.bytes)} B`.padStart(10)}` +
          `${row.site === null ? '' : `  ${row.site}`}`,
      );
    if (arena.rows.length > limit)
      out.push(`    … ${count(arena.rows.length - limit)} more types and lines (--json lists all)`);
  }
  return out;
}

/** The "peak" and "now" lines. */
export function peakAndNow(
  analysis: FragmentationReport,
  bold: (text: string) => string,
): string[] {
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
  analysis: FragmentationReport,
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
      : `  No arena with live blocks is less than ${NEARLY_EMPTY * 100}% used: little is stranded.`,
  );
  const free = analysis.now.freeArenas;
  if (free > 0) {
    out.push(
      `  ${free === 1 ? '1 arena holds' : `${free} arenas hold`} no live block: CPython 3.9+ keeps one such arena for reuse.`,
    );
  }
  return out;
}
