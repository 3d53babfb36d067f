/**
 * `pymem objects FILE [--mark L] [--top N] [--json]`: the objects of a heap snapshot
 * by type — counts and `sys.getsizeof` bytes — each linked to the pymalloc block that
 * holds it in the allocator replayed to the same instant (see @pymem/analysis
 * `snapshotObjects`).
 */
import { snapshotObjects } from '@pymem/analysis';
import { Replayer } from '@pymem/runtime';
import type { ProfileName } from '@pymem/versions';
import { count } from '../format.ts';
import { colors, type Io } from '../io.ts';
import { loadTrace, type ReadOptions } from '../load.ts';
import { findSnapshot } from './gc.ts';

/** Options of `pymem objects`. */
export interface ObjectsOptions extends ReadOptions {
  readonly profile?: ProfileName;
  /** The snapshot's label (default: the last snapshot). */
  readonly mark?: string;
  /** Type rows to print (default 20). */
  readonly top?: number;
  readonly json?: boolean;
}

/** Runs the command; returns the exit status. */
export async function objectsCommand(
  io: Io,
  file: string,
  options: ObjectsOptions,
): Promise<number> {
  const { trace, warnings } = await loadTrace(io, file, options);
  const snapshot = findSnapshot(trace, options.mark);
  const replayer = new Replayer(trace, options.profile ? { profile: options.profile } : {});
  replayer.runTo(snapshot.eventIndex);
  const result = snapshotObjects(snapshot, replayer.model);
  if (options.json) {
    io.out(
      `${JSON.stringify(
        {
          python: trace.header.python,
          profile: replayer.profile,
          mark: snapshot.label,
          eventIndex: snapshot.eventIndex,
          ...result,
          unlinkedAddresses: result.unlinkedAddresses.map((a) => `0x${a.toString(16)}`),
          warnings,
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  const c = colors(io);
  const top = options.top ?? 20;
  const lines = [
    `${c.bold('pymem objects')}  ${file}: CPython ${trace.header.python}, heap snapshot "${snapshot.label}" (event ${count(snapshot.eventIndex)})`,
    `${count(result.objects)} objects, ${count(result.bytes)} bytes: ${count(result.linked)} in ${count(result.blocks)} pymalloc blocks, ${count(result.outside)} outside pymalloc, ${count(result.unlinked)} unlinked`,
    '',
    `  ${'objects'.padStart(9)} ${'bytes'.padStart(12)} ${'in blocks'.padStart(9)}  type`,
  ];
  for (const row of result.types.slice(0, top))
    lines.push(
      `  ${count(row.objects).padStart(9)} ${count(row.bytes).padStart(12)} ${count(row.linked).padStart(9)}  ${row.type}`,
    );
  if (result.types.length > top) lines.push(`  … ${count(result.types.length - top)} more types`);
  io.out(`${lines.join('\n')}\n`);
  return 0;
}
