/**
 * `pymem gc FILE [--mark L] [--generation G] [--json]`: what `gc.collect(G)` would
 * find at the instant of a heap snapshot — the number it would return, collected and
 * uncollectable, the garbage grouped into cycles by type composition, the finalizers
 * and weakref callbacks that would run, and the bytes (`sys.getsizeof`) and arenas it
 * would give back. The collector of `@pymem/gc` runs on the snapshot (see
 * @pymem/analysis `collectSnapshot`); the arenas come from the allocator replayed to
 * the snapshot, the freed blocks returned to it (`collectionArenas`).
 */
import { collectionArenas, collectSnapshot } from '@pymem/analysis';
import type { HeapSnapshot, Trace } from '@pymem/tracing';
import { type ProfileName, parseVersion } from '@pymem/versions';
import { CliError } from '../exit-codes.ts';
import { count } from '../format.ts';
import { colors, type Io, printJson } from '../io.ts';
import { loadTrace, type ReadOptions } from '../load.ts';

/** Options of `pymem gc`. */
export interface GcOptions extends ReadOptions {
  readonly profile?: ProfileName;
  /** The snapshot's label (default: the last snapshot). */
  readonly mark?: string;
  /** 0, 1 or 2 (default 2, what `gc.collect()` collects). */
  readonly generation?: number;
  readonly json?: boolean;
}

/**
 * The complete heap snapshot labelled `label` (the last one when undefined).
 * @throws CliError `bad-input` naming the snapshots the recording does contain.
 */
export function findSnapshot(trace: Trace, label: string | undefined): HeapSnapshot {
  const snapshots = trace.heapSnapshots ?? [];
  const names =
    snapshots.map((s) => `"${s.label}"${s.complete ? '' : ' (incomplete)'}`).join(', ') || 'none';
  const isMark = trace.marks.some((mark) => mark.label === label);
  if (snapshots.length === 0 && !isMark) {
    const marks = trace.marks.map((mark) => `"${mark.label}"`).join(', ') || 'none';
    throw new CliError(
      'bad-input',
      `no heap snapshot in this recording (marks: ${marks}): take one with pymem_record.snapshot(label) or pymem record --snapshot-at-exit`,
    );
  }
  const found =
    label === undefined
      ? snapshots[snapshots.length - 1]!
      : [...snapshots].reverse().find((s) => s.label === label);
  if (!found) {
    throw new CliError(
      'bad-input',
      `${isMark ? `mark "${label}" has no heap snapshot` : `no mark "${label}" in this recording`} (heap snapshots: ${names})`,
    );
  }
  if (!found.complete)
    throw new CliError(
      'bad-input',
      `heap snapshot "${found.label}" is incomplete: the recording ends inside it (heap snapshots: ${names})`,
    );
  return found;
}

/** Runs the command; returns the exit status. */
export async function gcCommand(io: Io, file: string, options: GcOptions): Promise<number> {
  const { trace, warnings } = await loadTrace(io, file, options);
  const snapshot = findSnapshot(trace, options.mark);
  const profile = options.profile ?? parseVersion(trace.header.python).name;
  const generation = options.generation ?? 2;
  const { freed, ...result } = collectSnapshot(snapshot, profile, generation);
  const arenas = collectionArenas(trace, snapshot, freed, profile);
  if (options.json) {
    printJson(io, {
      python: trace.header.python,
      profile,
      mark: snapshot.label,
      eventIndex: snapshot.eventIndex,
      objects: snapshot.length,
      ...result,
      ...arenas,
      warnings,
    });
    return 0;
  }
  const c = colors(io);
  const lines = [
    `${c.bold('pymem gc')}  ${file}: CPython ${trace.header.python}, heap snapshot "${snapshot.label}" (${count(snapshot.length)} objects, event ${count(snapshot.eventIndex)})`,
    `gc.collect(${generation}) would return ${count(result.unreachable)}: ${count(result.collected)} collected, ${count(result.uncollectable)} uncollectable, ${count(result.bytes)} bytes given back`,
  ];
  lines.push(
    `${arenas.arenasFreed} of ${arenas.arenasBefore} arenas given back, at least (freeing the ${count(arenas.blocksFreed)} pymalloc blocks of the freed objects; what they own in other blocks is not in the snapshot)`,
  );
  if (result.finalizers.length > 0)
    lines.push(
      `finalizers (__del__) that would run: ${result.finalizers.map((row) => `${count(row.objects)} × ${row.type}`).join(', ')}`,
    );
  if (result.weakrefCallbacks > 0)
    lines.push(
      `${count(result.weakrefCallbacks)} weakref callbacks would run: ${result.callbacks.map((row) => `${count(row.weakrefs)} × ${row.callback} for a dying ${row.referent}`).join(', ')}`,
    );
  if (result.groups.length > 0) {
    lines.push('', 'garbage by cycle composition, largest first:');
    lines.push(
      `  ${'cycles'.padStart(7)} ${'objects'.padStart(8)} ${'bytes'.padStart(10)}  composition`,
    );
    for (const group of result.groups)
      lines.push(
        `  ${count(group.cycles).padStart(7)} ${count(group.objects).padStart(8)} ${count(group.bytes).padStart(10)}  ${group.composition}${group.finalizers > 0 ? ` (${count(group.finalizers)} with __del__)` : ''}`,
      );
  }
  io.out(`${lines.join('\n')}\n`);
  return 0;
}
