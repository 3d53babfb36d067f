/**
 * A heap snapshot's objects by pymalloc arena: how many objects (and `sys.getsizeof`
 * bytes) live in each arena the allocator, replayed to the snapshot's position, holds
 * — and, for one arena, the objects themselves. An object belongs to the arena whose
 * allocated block holds it (snapshot-objects.ts links them); objects outside
 * pymalloc, or in no allocated block, belong to none.
 *
 * Invariants: the arenas' `objects` add up to the snapshot's linked objects; every
 * arena row is an allocated arena, in arena order; an arena's objects come in address
 * order.
 */
import { arenaContaining, type Obmalloc } from '@pymem/obmalloc';
import type { HeapSnapshot } from '@pymem/tracing';
import { fragmentationAt } from './fragmentation.ts';
import { heapTypeName } from './reference-chains.ts';
import { snapshotObjectBlocks } from './snapshot-objects.ts';

/** The objects of one arena. */
export interface ArenaObjectsRow {
  /** The arena object's index (as in the arena tables). */
  readonly arena: number;
  /** The arena's base address. */
  readonly address: number;
  /** Live blocks of the arena. */
  readonly blocks: number;
  /** Snapshot objects in those blocks. */
  readonly objects: number;
  /** Their `sys.getsizeof` total (unknown sizes count 0). */
  readonly bytes: number;
}

/** One object of an arena. */
export interface ArenaObject {
  readonly address: number;
  /** `module.qualname` (builtins without the module). */
  readonly type: string;
  /** `sys.getsizeof`, or −1 when unknown. */
  readonly size: number;
  /** The pymalloc block that holds it. */
  readonly block: number;
}

/** The arena of each object (−1: none) and the allocated arenas' rows. */
function classify(
  snapshot: HeapSnapshot,
  model: Obmalloc,
): { arenaOf: Int32Array; blocks: Float64Array; rows: Map<number, ArenaObjectsRow> } {
  const blocks = snapshotObjectBlocks(snapshot, model);
  const rows = new Map<number, ArenaObjectsRow>();
  for (const arena of fragmentationAt(model).arenas)
    rows.set(arena.index, {
      arena: arena.index,
      address: arena.address,
      blocks: arena.blocks,
      objects: 0,
      bytes: 0,
    });
  const arenaOf = new Int32Array(snapshot.length).fill(-1);
  for (let i = 0; i < snapshot.length; i++) {
    const block = blocks[i] as number;
    if (block < 0) continue;
    const arena = arenaContaining(model, block);
    const row = rows.get(arena);
    if (!row) continue;
    arenaOf[i] = arena;
    rows.set(arena, {
      ...row,
      objects: row.objects + 1,
      bytes: row.bytes + Math.max(0, snapshot.size[i] as number),
    });
  }
  return { arenaOf, blocks, rows };
}

/** Every allocated arena of `model` (replayed to the snapshot's position) and its objects. */
export function objectsByArena(snapshot: HeapSnapshot, model: Obmalloc): ArenaObjectsRow[] {
  return [...classify(snapshot, model).rows.values()].sort((x, y) => x.arena - y.arena);
}

/**
 * The objects of `snapshot` living in arena object `arena`, in address order, with
 * the arena's row; null when `arena` is not an allocated arena of `model`.
 */
export function objectsInArena(
  snapshot: HeapSnapshot,
  model: Obmalloc,
  arena: number,
): { readonly row: ArenaObjectsRow; readonly objects: readonly ArenaObject[] } | null {
  const { arenaOf, blocks, rows } = classify(snapshot, model);
  const row = rows.get(arena);
  if (!row) return null;
  const objects: ArenaObject[] = [];
  for (let i = 0; i < snapshot.length; i++)
    if (arenaOf[i] === arena)
      objects.push({
        address: snapshot.address[i] as number,
        type: heapTypeName(snapshot, i),
        size: snapshot.size[i] as number,
        block: blocks[i] as number,
      });
  return { row, objects: objects.sort((x, y) => x.address - y.address) };
}
