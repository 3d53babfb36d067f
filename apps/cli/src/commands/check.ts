/**
 * `pymem check FILE [--json]`: is this recording intact? Validates a `.pmt` file's
 * structure, every checksum, its index, its marks (and, once they exist, its heap
 * snapshots) without replaying it on the model, and prints a one-screen summary.
 * A text trace is parsed and its marks checked (text has no checksums).
 *
 *   exit 0  intact, or cut short (torn tail, no index: every complete event is usable)
 *   exit 2  damaged (a checksum fails, a region cannot be what a writer wrote, or a
 *           mark's statistics contradict themselves), or not a trace at all
 *
 * The file is read with salvage, so every damaged region is found and listed, not
 * just the first; `pymem <command> --salvage` then uses what is left.
 */
import { ExtensionKind, type Mark, type PmtDamage, type PmtExtensionSummary } from '@pymem/tracing';
import { CliError } from '../exit-codes.ts';
import { count } from '../format.ts';
import { colors, type Io, printJson } from '../io.ts';
import { loadTrace } from '../load.ts';

/** Options of `pymem check`. */
export interface CheckOptions {
  readonly json?: boolean;
}

/** A mark whose statistics are not a well-formed `_debugmallocstats` block. */
interface MarkProblem {
  readonly label: string;
  readonly eventIndex: number;
  readonly problem: string;
}

/** What `pymem check --json` prints (json-schemas.ts `checkSchema`). */
interface CheckSummary {
  readonly file: string;
  readonly format: 'pmt' | 'text';
  readonly version: number;
  readonly python: string;
  readonly ok: boolean;
  readonly events: number;
  readonly chunks: { readonly total: number; readonly damaged: number } | null;
  readonly checksums: { readonly verified: number; readonly failed: number } | null;
  readonly index: 'intact' | 'missing' | 'torn' | 'damaged' | null;
  readonly tornTail: {
    readonly offset: number;
    readonly bytes: number;
    readonly completeEvents: number;
  } | null;
  readonly damage: readonly PmtDamage[];
  readonly lostEvents: { readonly known: number; readonly unknown: boolean };
  readonly marks: { readonly count: number; readonly problems: readonly MarkProblem[] };
  readonly heapSnapshots: number;
  readonly gcCollections: number;
  readonly sites: { readonly filenames: number; readonly tracebacks: number };
  /** Object and collector records of a model run (`o` and `g` lines, extension kinds 1 and 2). */
  readonly modelRecords: { readonly objects: number; readonly collector: number };
  readonly extensions: readonly PmtExtensionSummary[];
  readonly warnings: readonly string[];
}

/** Runs the command; returns 0 when the recording is intact (or only cut short), else 2. */
export async function checkCommand(io: Io, file: string, options: CheckOptions): Promise<number> {
  const loaded = await loadTrace(io, file, { salvage: true });
  const { trace, pmt } = loaded;
  const problems = trace.marks.flatMap((mark) => {
    const problem = checkMark(mark);
    return problem ? [{ label: mark.label, eventIndex: mark.eventIndex, problem }] : [];
  });
  const damage = pmt?.damage ?? [];
  const summary: CheckSummary = {
    file,
    format: loaded.format,
    version: pmt?.version ?? trace.header.formatVersion,
    python: trace.header.python,
    ok: damage.length === 0 && problems.length === 0,
    events: trace.length,
    chunks: pmt
      ? {
          total: pmt.chunks.length + damage.filter((d) => d.chunk !== null).length,
          damaged: damage.filter((d) => d.chunk !== null).length,
        }
      : null,
    checksums:
      pmt && pmt.version >= 2
        ? { verified: pmt.checksumsVerified, failed: pmt.checksumsFailed }
        : null,
    index: pmt?.index ?? null,
    tornTail: pmt?.torn ?? null,
    damage,
    lostEvents: pmt?.lostEvents ?? { known: 0, unknown: false },
    marks: { count: trace.marks.length, problems },
    heapSnapshots:
      pmt?.extensions.find((extension) => extension.kind === ExtensionKind.heapSnapshot)?.records ??
      0,
    gcCollections: trace.gcCollections.length,
    sites: { filenames: trace.filenames.length, tracebacks: trace.tracebacks.length },
    modelRecords: { objects: trace.objectRecords.length, collector: trace.collectorRecords.length },
    extensions: pmt?.extensions ?? [],
    warnings: loaded.warnings,
  };
  if (options.json) printJson(io, summary);
  else io.out(formatSummary(io, summary));
  if (summary.ok) return 0;
  const what = [
    damage.length > 0 ? `${damage.length} damaged region${damage.length === 1 ? '' : 's'}` : '',
    problems.length > 0
      ? `${problems.length} mark${problems.length === 1 ? '' : 's'} with inconsistent statistics`
      : '',
  ]
    .filter(Boolean)
    .join(' and ');
  throw new CliError('malformed-trace', `${file} is damaged: ${what} (see above)`);
}

const plural = (n: number, noun: string) => `${count(n)} ${noun}${n === 1 ? '' : 's'}`;

function formatSummary(io: Io, s: CheckSummary): string {
  const c = colors(io);
  const row = (name: string, value: string) => `  ${name.padEnd(12)}${value}`;
  const recorder = s.format === 'pmt' ? `.pmt version ${s.version}` : 'text';
  const lines = [`pymem check  ${s.file}`, row('format', `${recorder}, CPython ${s.python}`)];
  const lost = `${count(s.lostEvents.known)}${s.lostEvents.unknown ? '+' : ''} events`;
  lines.push(
    row(
      'events',
      s.chunks
        ? `${count(s.events)} readable in ${count(s.chunks.total - s.chunks.damaged)} chunks` +
            (s.chunks.damaged > 0 ? `; ${lost} lost in ${s.chunks.damaged} damaged` : '')
        : `${count(s.events)} readable`,
    ),
  );
  if (s.format === 'pmt') {
    lines.push(
      row(
        'checksums',
        s.checksums
          ? `${count(s.checksums.verified)} verified, ${count(s.checksums.failed)} failed`
          : 'none (version 1 files have none: only the structure is checked)',
      ),
    );
    const index = {
      intact: 'intact: lists every chunk',
      missing: 'missing: the recording did not close cleanly (rebuilt from the chunks)',
      torn: 'torn: the file ends inside it (rebuilt from the chunks)',
      damaged: 'damaged (rebuilt from the chunks)',
    } as const;
    lines.push(row('index', index[s.index ?? 'missing']));
    lines.push(row('torn tail', tornTail(s)));
    lines.push(row('damaged', s.damage.length === 0 ? 'none' : `${s.damage.length} regions:`));
    for (const damage of s.damage) lines.push(`      byte ${damage.offset}: ${damage.message}`);
  }
  const bad = s.marks.problems.length;
  lines.push(
    row(
      'marks',
      s.marks.count === 0
        ? 'none'
        : bad === 0
          ? `${count(s.marks.count)}, every statistics block consistent`
          : `${count(s.marks.count)}, ${bad} with inconsistent statistics:`,
    ),
  );
  for (const problem of s.marks.problems)
    lines.push(`      "${problem.label}" (event ${count(problem.eventIndex)}): ${problem.problem}`);
  if (s.heapSnapshots > 0)
    lines.push(
      row('snapshots', `${count(s.heapSnapshots)} (this reader checks their checksums only)`),
    );
  lines.push(
    row(
      'other',
      `${plural(s.gcCollections, 'GC collection')}, ${plural(s.sites.filenames, 'file name')}, ${plural(s.sites.tracebacks, 'traceback')}`,
    ),
  );
  const { objects, collector } = s.modelRecords;
  if (objects + collector > 0)
    lines.push(
      row('model', `${plural(objects, 'object record')}, ${plural(collector, 'collector record')}`),
    );
  for (const extension of s.extensions)
    lines.push(row('skipped', `${extension.records} extension records of ${extension.name}`));
  lines.push(
    s.ok
      ? c.green(
          s.tornTail || s.index === 'missing'
            ? 'ok: every complete event is intact (the recording was cut short)'
            : 'ok: the recording is intact',
        )
      : c.red('damaged: read it with --salvage to use what is left'),
  );
  return `${lines.join('\n')}\n`;
}

/** The `torn tail` row: a chunk cut mid-write, or a file cut between chunks, or neither. */
function tornTail(s: CheckSummary): string {
  if (s.tornTail) {
    return `${count(s.tornTail.bytes)} bytes from byte ${count(s.tornTail.offset)}: a chunk cut off mid-write; ${count(s.tornTail.completeEvents)} complete events before it`;
  }
  if (s.index === 'missing' && s.damage.length === 0)
    return `none, but no index: the recording was cut off after its last complete chunk (${count(s.events)} complete events)`;
  return 'none';
}

/**
 * The first inconsistency in a mark's `_debugmallocstats` text, or null when it is
 * empty (pymalloc was not in use) or adds up: class rows of the announced classes and
 * sizes, and CPython's own sums (blocks × size, arenas × arena size, the total).
 */
export function checkMark(mark: Pick<Mark, 'stats' | 'tracemalloc'>): string | null {
  for (const line of mark.tracemalloc === '' ? [] : mark.tracemalloc.trimEnd().split('\n')) {
    if (!/^.+: size=[\d.]+ [KMGT]?i?B, count=\d+, average=[\d.]+ [KMGT]?i?B$/.test(line))
      return `tracemalloc line ${JSON.stringify(line)} is not a Statistic`;
  }
  if (mark.stats === '') return null;
  const lines = mark.stats.split('\n');
  const head = /^Small block threshold = (\d+), in (\d+) size classes\.$/.exec(lines[0] ?? '');
  if (!head) return 'the statistics do not begin with "Small block threshold = …"';
  const classes = Number(head[2]);
  const quantum = Number(head[1]) / classes;
  let inUse = 0;
  let available = 0;
  let previous = -1;
  for (const line of lines) {
    const row = /^ +(\d+) +(\d+) +(\d+) +(\d+) +(\d+)$/.exec(line);
    if (!row) continue;
    const [index, size, , blocks, free] = row.slice(1).map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    if (index <= previous || index >= classes || size !== (index + 1) * quantum)
      return `size class row "${line.trim()}" is out of place`;
    previous = index;
    inUse += blocks * size;
    available += free * size;
  }
  const value = (label: RegExp): number | null => {
    const line = lines.find((candidate) => label.test(candidate));
    const match = line ? /= +([\d,]+)$/.exec(line) : null;
    return match ? Number(match[1]!.replaceAll(',', '')) : null;
  };
  const arenas = /^(\d+) arenas \* (\d+) bytes\/arena += +([\d,]+)$/.exec(
    lines.find((line) => / arenas \* /.test(line)) ?? '',
  );
  const allocated = value(/^# bytes in allocated blocks/);
  const free = value(/^# bytes in available blocks/);
  const total = value(/^Total /);
  if (!arenas || allocated === null || free === null || total === null)
    return 'the statistics lack the arena and byte totals';
  const arenaBytes = Number(arenas[1]) * Number(arenas[2]);
  if (arenaBytes !== Number(arenas[3]!.replaceAll(',', '')))
    return `${arenas[1]} arenas of ${arenas[2]} bytes do not make ${arenas[3]}`;
  if (allocated !== inUse)
    return `the size classes hold ${inUse} bytes in blocks, the total says ${allocated}`;
  if (free !== available)
    return `the size classes hold ${available} available bytes, the total says ${free}`;
  const parts = lines
    .slice(
      0,
      lines.findIndex((line) => /^Total /.test(line)),
    )
    .filter((line) => /^(# bytes|\d+ unused pools)/.test(line))
    .map((line) => Number(/= +([\d,]+)$/.exec(line)?.[1]?.replaceAll(',', '') ?? Number.NaN));
  const sum = parts.reduce((a, b) => a + b, 0);
  if (sum !== total || total !== arenaBytes)
    return `the parts add up to ${sum} bytes, the total says ${total} of ${arenaBytes} in arenas`;
  return null;
}
