/**
 * `pymem diff FILE --from A --to B`: what changed between two points of a recording,
 * tracemalloc `compare_to` style — by pymalloc size class always, and by source line
 * when the recording has allocation sites. A and B are event indexes or mark labels.
 * When a heap snapshot was taken at both points, growth by type too (objgraph's
 * `show_growth`, see @pymem/analysis `snapshotGrowth`).
 */
import { diffPoints, snapshotAt, snapshotGrowth, type TypeGrowth } from '@pymem/analysis';
import { formatSize, type KeyType } from '@pymem/tracing';
import type { ProfileName } from '@pymem/versions';
import { CliError } from '../exit-codes.ts';
import { count } from '../format.ts';
import { colors, type Io, printJson } from '../io.ts';
import { loadRecording, type Point, type ReadOptions, resolvePoint } from '../load.ts';

/** Options of `pymem diff`. */
export interface DiffOptions extends ReadOptions {
  readonly profile?: ProfileName;
  readonly from?: string;
  readonly to?: string;
  readonly by?: string;
  /** Rows to print per table, at least 1 (main.ts parses `--top`, default 10). */
  readonly top: number;
  readonly json?: boolean;
}

const KEY_TYPES = ['lineno', 'filename', 'traceback'] as const;

function describe(point: Point): string {
  return point.mark !== null
    ? `mark "${point.mark}" (event ${count(point.eventIndex)})`
    : `event ${count(point.eventIndex)}`;
}

/** Runs the command; returns the exit status. */
export async function diffCommand(io: Io, file: string, options: DiffOptions): Promise<number> {
  const by = (options.by ?? 'lineno') as KeyType;
  if (!KEY_TYPES.includes(by as (typeof KEY_TYPES)[number])) {
    throw new CliError('usage', `--by takes lineno, filename or traceback, not "${options.by}"`);
  }
  const { top } = options;
  const { trace, warnings } = await loadRecording(io, file, options);
  const from = resolvePoint(trace, { at: options.from ?? '0' }, '--from');
  const to = resolvePoint(trace, { at: options.to ?? String(trace.length) }, '--to');
  if (from.eventIndex > to.eventIndex) {
    throw new CliError(
      'bad-input',
      `--from (event ${from.eventIndex}) comes after --to (event ${to.eventIndex})`,
    );
  }
  const {
    profile,
    statsFrom,
    statsTo,
    sizeClasses: rows,
    sites,
  } = diffPoints(trace, from, to, {
    by,
    ...(options.profile ? { profile: options.profile } : {}),
  });
  const snapshotFrom = snapshotAt(trace, from);
  const snapshotTo = snapshotAt(trace, to);
  const growth: TypeGrowth[] | null =
    snapshotFrom?.exact && snapshotTo?.exact
      ? snapshotGrowth(snapshotFrom.snapshot, snapshotTo.snapshot)
      : null;

  if (options.json) {
    printJson(io, {
      python: trace.header.python,
      profile,
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
      snapshots: growth
        ? { from: snapshotFrom!.snapshot.label, to: snapshotTo!.snapshot.label }
        : null,
      types: growth,
      warnings,
    });
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
  if (growth) {
    const shown = growth.slice(0, top);
    const width = Math.max(0, ...shown.map((row) => row.type.length));
    out.push(
      '',
      c.bold(
        `Growth by type between heap snapshots "${snapshotFrom!.snapshot.label}" and "${snapshotTo!.snapshot.label}" (objgraph show_growth: gc.get_objects(), no collection first)`,
      ),
    );
    for (const row of shown)
      out.push(
        `  ${row.type.padEnd(width)}${String(row.count).padStart(9)} ${signed(row.delta).padStart(9)}`,
      );
    if (growth.length === 0) out.push('  no type grew');
    if (growth.length > top)
      out.push(c.dim(`  … ${growth.length - top} more types (--top N, --json)`));
  } else if ((trace.heapSnapshots ?? []).length > 0) {
    const missing = [from, to].filter((point) => !snapshotAt(trace, point)?.exact).map(describe);
    out.push(
      '',
      c.dim(
        `  (no heap snapshot at ${missing.join(' or ')}: growth by type needs one at both points)`,
      ),
    );
  }
  io.out(`${out.join('\n')}\n`);
  return 0;
}
