/**
 * The objects of a heap snapshot linked to the blocks of the replayed allocator at
 * the same instant, counted by type.
 *
 *   object address ──arenaContaining──► arena ──► pool (POOL_SIZE-aligned) ──► block
 *     no arena:            outside pymalloc (static objects, large objects from malloc)
 *     arena, block allocated in the model:  linked (to the block's address)
 *     arena, no allocated block there:      unlinked (the model and the process disagree)
 *
 * The block is the one *containing* the object's address, so the GC header and the
 * 3.12+ pre-header in front of an object need no per-version offsets.
 *
 * Invariants of a {@link SnapshotObjects}:
 *   1. `objects = linked + unlinked + outside`.
 *   2. The rows' objects sum to `objects`, their bytes to `bytes`.
 */
import { arenaContaining, type Obmalloc } from '@pymem/obmalloc';
import type { HeapSnapshot } from '@pymem/tracing';
import { BlockLinker } from './object-block.ts';

/** Objects of one type. */
export interface ObjectTypeRow {
  /** `module.qualname` (builtins without the module). */
  readonly type: string;
  readonly objects: number;
  /** `sys.getsizeof` total. */
  readonly bytes: number;
  /** Of them, in pymalloc blocks. */
  readonly linked: number;
}

/** A snapshot's objects by type and their link to pymalloc's blocks. */
export interface SnapshotObjects {
  readonly objects: number;
  /** `sys.getsizeof` total (unknown sizes count 0). */
  readonly bytes: number;
  /** Objects inside an allocated pymalloc block of the replayed model. */
  readonly linked: number;
  /** Objects inside a pymalloc arena where the model has no allocated block. */
  readonly unlinked: number;
  /** Objects outside pymalloc's arenas (static, or from malloc). */
  readonly outside: number;
  /** Distinct blocks the linked objects occupy. */
  readonly blocks: number;
  /** Largest bytes first. */
  readonly types: readonly ObjectTypeRow[];
  /** Up to 10 addresses of unlinked objects, for diagnosis. */
  readonly unlinkedAddresses: readonly number[];
}

/** Links every object of `snapshot` to `model` (replayed to the snapshot's position). */
export function snapshotObjects(snapshot: HeapSnapshot, model: Obmalloc): SnapshotObjects {
  const linker = new BlockLinker(model);
  const rows = new Map<number, { objects: number; bytes: number; linked: number }>();
  let linked = 0;
  let unlinked = 0;
  let outside = 0;
  let bytes = 0;
  const unlinkedAddresses: number[] = [];
  for (let i = 0; i < snapshot.length; i++) {
    const address = snapshot.address[i] as number;
    const size = Math.max(0, snapshot.size[i] as number);
    bytes += size;
    const typeId = snapshot.type[i] as number;
    const row = rows.get(typeId) ?? { objects: 0, bytes: 0, linked: 0 };
    rows.set(typeId, row);
    row.objects++;
    row.bytes += size;
    const arena = arenaContaining(model, address);
    if (arena < 0) {
      outside++;
      continue;
    }
    const block = linker.link(address);
    if (block < 0) {
      unlinked++;
      if (unlinkedAddresses.length < 10) unlinkedAddresses.push(address);
      continue;
    }
    linked++;
    row.linked++;
  }
  const types = [...rows]
    .map(([id, row]) => {
      const type = snapshot.types[id];
      const name = !type
        ? '?'
        : type.module === 'builtins'
          ? type.qualname
          : `${type.module}.${type.qualname}`;
      return { type: name, ...row };
    })
    .sort((a, b) => b.bytes - a.bytes || b.objects - a.objects || (a.type < b.type ? -1 : 1));
  return {
    objects: snapshot.length,
    bytes,
    linked,
    unlinked,
    outside,
    blocks: linker.blocks,
    types,
    unlinkedAddresses,
  };
}

/**
 * For each object of `snapshot`, the address of the allocated pymalloc block of `model`
 * (replayed to the snapshot's position) that holds it, or −1 (outside pymalloc, or in
 * no allocated block).
 */
export function snapshotObjectBlocks(snapshot: HeapSnapshot, model: Obmalloc): Float64Array {
  const linker = new BlockLinker(model);
  const blocks = new Float64Array(snapshot.length);
  for (let i = 0; i < snapshot.length; i++) blocks[i] = linker.link(snapshot.address[i] as number);
  return blocks;
}
