/**
 * `pymem diff FILE --from A --to B`: what changed between two points of a recording,
 * tracemalloc `compare_to` style — by pymalloc size class always, and by source line
 * when the recording has allocation sites. A and B are event indexes or mark labels.
 */
import { collectMallocStats, type MallocStats } from '@pymem/obmalloc';
import { Replayer, takeSnapshot } from '@pymem/runtime';
import { formatSize, type KeyType } from '@pymem/tracing';
import type { ProfileName } from '@pymem/versions';
import { CliError } from '../exit-codes.ts';
import { count } from '../format.ts';
import { colors, type Io } from '../io.ts';
import { openTrace, type Point, resolvePoint } from '../load.ts';

/** Options of `pymem diff`. */
export interface DiffOptions {
  readonly profile?: ProfileName;
  readonly from?: string;
  readonly to?: string;
  readonly by?: string;
  readonly top?: string;
  readonly json?: boolean;
}

/** One size class in the comparison. */
interface ClassDiff {
  readonly sizeClass: number;
  readonly size: number;
  readonly blocksFrom: number;
  readonly blocksTo: number;
  readonly bytesFrom: number;
  readonly bytesTo: number;
}

const KEY_TYPES = ['lineno', 'filename', 'traceback'] as const;

function describe(point: Point): string {
  return point.mark !== null
    ? `mark "${point.mark}" (event ${count(point.eventIndex)})`
    : `event ${count(point.eventIndex)}`;
}

function classRows(from: MallocStats, to: MallocStats): ClassDiff[] {
  const blocks = new Map<number, { size: number; from: number; to: number }>();
  for (const row of from.sizeClasses)
    blocks.set(row.index, { size: row.size, from: row.blocksInUse, to: 0 });
  for (const row of to.sizeClasses) {
    const entry = blocks.get(row.index) ?? { size: row.size, from: 0, to: 0 };
    entry.to = row.blocksInUse;
    blocks.set(row.index, entry);
  }
  const rows = [...blocks].map(([sizeClass, { size, from: a, to: b }]) => ({
    sizeClass,
    size,
    blocksFrom: a,
    blocksTo: b,
    bytesFrom: a * size,
    bytesTo: b * size,
  }));
  // The order of tracemalloc's StatisticDiff: |size diff|, size, |count diff|, count.
  const key = (row: ClassDiff) => [
    Math.abs(row.bytesTo - row.bytesFrom),
    row.bytesTo,
    Math.abs(row.blocksTo - row.blocksFrom),
    row.blocksTo,
    -row.sizeClass,
  ];
  return rows.sort((x, y) => {
    const kx = key(x);
    const ky = key(y);
    for (let i = 0; i < kx.length; i++) if (kx[i] !== ky[i]) return ky[i]! - kx[i]!;
    return 0;
  });
}

/** Runs the command; returns the exit status. */
export async function diffCommand(io: Io, file: string, options: DiffOptions): Promise<number> {
  const by = (options.by ?? 'lineno') as KeyType;
  if (!KEY_TYPES.includes(by as (typeof KEY_TYPES)[number])) {
    throw new CliError('usage', `--by takes lineno, filename or traceback, not "${options.by}"`);
  }
  const top = options.top === undefined ? 10 : Number(options.top);
  if (!Number.isInteger(top) || top < 1)
    throw new CliError('usage', `--top takes a positive whole number, not "${options.top}"`);
  const trace = await openTrace(io, file);
  const from = resolvePoint(trace, { at: options.from ?? '0' }, '--from');
  const to = resolvePoint(trace, { at: options.to ?? String(trace.length) }, '--to');
  if (from.eventIndex > to.eventIndex) {
    throw new CliError(
      'bad-input',
      `--from (event ${from.eventIndex}) comes after --to (event ${to.eventIndex})`,
    );
  }
  const hasSites = trace.tracebacks.length > 0;
  const replayer = new Replayer(trace, {
    ...(options.profile ? { profile: options.profile } : {}),
    trackBlocks: hasSites,
  });
  replayer.runTo(from.eventIndex);
  const statsFrom = collectMallocStats(replayer.model.state);
  const snapshotFrom = hasSites ? takeSnapshot(replayer) : null;
  replayer.runTo(to.eventIndex);
  const statsTo = collectMallocStats(replayer.model.state);
  const sites = snapshotFrom ? takeSnapshot(replayer).compareTo(snapshotFrom, by) : null;
  const rows = classRows(statsFrom, statsTo);

  if (options.json) {
    io.out(
      `${JSON.stringify(
        {
          python: trace.header.python,
          profile: replayer.profile,
          from,
          to,
          arenas: { from: statsFrom.arenasAllocatedCurrent, to: statsTo.arenasAllocatedCurrent },
          bytesInBlocks: {
            from: statsFrom.bytesInAllocatedBlocks,
            to: statsTo.bytesInAllocatedBlocks,
          },
          sizeClasses: rows,
          sites:
            sites?.map((diff) => ({
              site: diff.traceback.toString(),
              size: diff.size,
              sizeDiff: diff.sizeDiff,
              count: diff.count,
              countDiff: diff.countDiff,
            })) ?? null,
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  const c = colors(io);
  const signed = (value: number) => (value >= 0 ? `+${value}` : `${value}`);
  const out = [
    `${c.bold('pymem diff')}  ${file}: from ${describe(from)} to ${describe(to)}`,
    `  arenas ${statsFrom.arenasAllocatedCurrent} → ${statsTo.arenasAllocatedCurrent} (${signed(statsTo.arenasAllocatedCurrent - statsFrom.arenasAllocatedCurrent)}), ` +
      `bytes in blocks ${formatSize(statsFrom.bytesInAllocatedBlocks, false)} → ${formatSize(statsTo.bytesInAllocatedBlocks, false)} ` +
      `(${formatSize(statsTo.bytesInAllocatedBlocks - statsFrom.bytesInAllocatedBlocks, true)})`,
    '',
    c.bold('By size class'),
  ];
  for (const row of rows.slice(0, top)) {
    const average = row.blocksTo === 0 ? '' : `, average=${formatSize(row.size, false)}`;
    out.push(
      `  ${`${row.size} B blocks`.padEnd(14)}: size=${formatSize(row.bytesTo, false)} (${formatSize(row.bytesTo - row.bytesFrom, true)}), ` +
        `count=${row.blocksTo} (${signed(row.blocksTo - row.blocksFrom)})${average}`,
    );
  }
  if (rows.length > top)
    out.push(c.dim(`  … ${rows.length - top} more size classes (--top N, --json)`));
  out.push('');
  if (sites) {
    out.push(
      c.bold(`Top ${Math.min(top, sites.length)} by ${by} (tracemalloc compare_to, request sizes)`),
    );
    for (const diff of sites.slice(0, top)) out.push(`  ${diff.toString()}`);
  } else {
    out.push(c.dim('  (record with --sites 1 to compare by source line as well)'));
  }
  io.out(`${out.join('\n')}\n`);
  return 0;
}
