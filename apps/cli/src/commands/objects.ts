/**
 * `pymem objects FILE [--mark L] [--by type|arena] [--arena N] [--top N] [--json]`:
 * the objects of a heap snapshot — counts and `sys.getsizeof` bytes — each linked to
 * the pymalloc block that holds it in the allocator replayed to the same instant (see
 * @pymem/analysis `snapshotObjects`), grouped by type or by arena (`objectsByArena`);
 * `--arena N` lists the objects living in arena N (`objectsInArena`).
 */
import {
  type ArenaObject,
  type ArenaObjectsRow,
  objectsByArena,
  objectsInArena,
  snapshotObjects,
} from '@pymem/analysis';
import { hexAddress } from '@pymem/obmalloc';
import { Replayer } from '@pymem/runtime';
import type { ProfileName } from '@pymem/versions';
import { CliError } from '../exit-codes.ts';
import { count } from '../format.ts';
import { colors, type Io, printJson } from '../io.ts';
import { loadTrace, type ReadOptions } from '../load.ts';
import { findSnapshot } from './gc.ts';

/** Options of `pymem objects`. */
export interface ObjectsOptions extends ReadOptions {
  readonly profile?: ProfileName;
  /** The snapshot's label (default: the last snapshot). */
  readonly mark?: string;
  /** `type` (default) or `arena`. */
  readonly by?: string;
  /** List the objects of this arena (its index in the arena tables). */
  readonly arena?: number;
  /** Rows to print (default 20). */
  readonly top?: number;
  readonly json?: boolean;
}

const GROUPINGS = ['type', 'arena'] as const;

/** Runs the command; returns the exit status. */
export async function objectsCommand(
  io: Io,
  file: string,
  options: ObjectsOptions,
): Promise<number> {
  const by = options.by ?? 'type';
  if (!GROUPINGS.includes(by as (typeof GROUPINGS)[number]))
    throw new CliError('usage', `--by takes type or arena, not "${by}"`);
  const { trace, warnings } = await loadTrace(io, file, options);
  const snapshot = findSnapshot(trace, options.mark);
  const replayer = new Replayer(trace, options.profile ? { profile: options.profile } : {});
  replayer.runTo(snapshot.eventIndex);
  const result = snapshotObjects(snapshot, replayer.model);
  const arenas: ArenaObjectsRow[] | null =
    by === 'arena' || options.arena !== undefined ? objectsByArena(snapshot, replayer.model) : null;
  let inArena: { row: ArenaObjectsRow; objects: readonly ArenaObject[] } | null = null;
  if (options.arena !== undefined) {
    inArena = objectsInArena(snapshot, replayer.model, options.arena);
    if (!inArena)
      throw new CliError(
        'bad-input',
        `arena ${options.arena} is not allocated at heap snapshot "${snapshot.label}" (allocated arenas: ${arenas!.map((row) => row.arena).join(', ') || 'none'})`,
      );
  }
  const top = options.top ?? 20;
  if (options.json) {
    const hex = (address: number) => `0x${address.toString(16)}`;
    printJson(io, {
      python: trace.header.python,
      profile: replayer.profile,
      mark: snapshot.label,
      eventIndex: snapshot.eventIndex,
      ...result,
      unlinkedAddresses: result.unlinkedAddresses.map(hex),
      arenas: by === 'arena' ? arenas!.map((row) => ({ ...row, address: hex(row.address) })) : null,
      arena: inArena
        ? {
            ...inArena.row,
            address: hex(inArena.row.address),
            objects: inArena.objects.map((object) => ({
              ...object,
              address: hex(object.address),
              block: hex(object.block),
            })),
          }
        : null,
      warnings,
    });
    return 0;
  }
  const c = colors(io);
  const lines = [
    `${c.bold('pymem objects')}  ${file}: CPython ${trace.header.python}, heap snapshot "${snapshot.label}" (event ${count(snapshot.eventIndex)})`,
    `${count(result.objects)} objects, ${count(result.bytes)} bytes: ${count(result.linked)} in ${count(result.blocks)} pymalloc blocks, ${count(result.outside)} outside pymalloc, ${count(result.unlinked)} unlinked`,
    '',
  ];
  if (inArena) {
    const { row, objects } = inArena;
    lines.push(
      `arena ${row.arena} at ${hexAddress(row.address)}: ${count(row.objects)} objects (${count(row.bytes)} bytes) in its ${count(row.blocks)} live blocks`,
      `  ${'address'.padEnd(16)} ${'size'.padStart(7)}  type`,
    );
    for (const object of objects.slice(0, top))
      lines.push(
        `  ${hexAddress(object.address).padEnd(16)} ${(object.size < 0 ? '?' : count(object.size)).padStart(7)}  ${object.type}`,
      );
    if (objects.length > top)
      lines.push(`  … ${count(objects.length - top)} more objects (--top N, --json)`);
  } else if (by === 'arena') {
    lines.push(
      `  ${'arena'.padStart(5)} ${'address'.padEnd(16)} ${'live blocks'.padStart(11)} ${'objects'.padStart(9)} ${'bytes'.padStart(12)}`,
    );
    for (const row of arenas!.slice(0, top))
      lines.push(
        `  ${String(row.arena).padStart(5)} ${hexAddress(row.address).padEnd(16)} ${count(row.blocks).padStart(11)} ${count(row.objects).padStart(9)} ${count(row.bytes).padStart(12)}`,
      );
    if (arenas!.length > top) lines.push(`  … ${count(arenas!.length - top)} more arenas`);
  } else {
    lines.push(
      `  ${'objects'.padStart(9)} ${'bytes'.padStart(12)} ${'in blocks'.padStart(9)}  type`,
    );
    for (const row of result.types.slice(0, top))
      lines.push(
        `  ${count(row.objects).padStart(9)} ${count(row.bytes).padStart(12)} ${count(row.linked).padStart(9)}  ${row.type}`,
      );
    if (result.types.length > top) lines.push(`  … ${count(result.types.length - top)} more types`);
  }
  io.out(`${lines.join('\n')}\n`);
  return 0;
}
