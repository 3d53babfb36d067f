/**
 * Block lifetimes, computed once per recording: for every allocation event, the
 * event that ends its block's life (its `free`, or the `realloc` that replaces it).
 * The live blocks after p events are then exactly the allocation events i < p with
 * freedAt[i] ≥ p — what a tracking replayer's live-block table holds, without
 * keeping (and checkpointing) that table at every seek.
 *
 *   event i:   m … → 0x10      r 0x10 → 0x20      f 0x20
 *   freedAt:   i₂               i₃                  −1 (not an allocation)
 *
 * Raw-domain events are not the object allocator's and are skipped, as the replayer
 * does. A failed realloc (result NULL) leaves the old block alive. An allocation at an
 * address still live (never in a whole recording) ends the older block's life, as the
 * replayer's live-block table replaces its entry. The viewer's panels and the
 * allocation-stack trees (allocation-stacks.ts) read live blocks through this one table.
 */

import { AddressTable } from '@pymem/obmalloc';
import { Domain, Op, type Trace } from '@pymem/tracing';

/** freedAt[i] for an allocation event that is never freed. */
export const NEVER_FREED = 0x7fffffff;

/**
 * For each event: −1 when it allocates nothing, else the index of the event that
 * frees or replaces its block ({@link NEVER_FREED} if none does).
 */
export function blockLifetimes(trace: Trace): Int32Array {
  const { op, domain, a, b, c } = trace;
  const freedAt = new Int32Array(trace.length).fill(-1);
  const bornAt = new AddressTable(4096);
  for (let i = 0; i < trace.length; i++) {
    const code = op[i]!;
    if (code === Op.arenaAlloc || code === Op.arenaFree || domain[i] === Domain.raw) continue;
    if (code === Op.malloc || code === Op.calloc) {
      const address = b[i]!;
      if (address === 0) continue;
      const older = bornAt.take(address);
      if (older >= 0) freedAt[older] = i;
      freedAt[i] = NEVER_FREED;
      bornAt.set(address, i);
    } else if (code === Op.realloc) {
      const result = c[i]!;
      if (result === 0) continue;
      const old = bornAt.take(a[i]!);
      if (old >= 0) freedAt[old] = i;
      const older = bornAt.take(result);
      if (older >= 0) freedAt[older] = i;
      freedAt[i] = NEVER_FREED;
      bornAt.set(result, i);
    } else {
      const old = bornAt.take(a[i]!);
      if (old >= 0) freedAt[old] = i;
    }
  }
  return freedAt;
}

/** Requested size of the block allocated by event i (malloc/calloc: a, realloc: b). */
export function requestSize(trace: Trace, i: number): number {
  return trace.op[i] === Op.realloc ? trace.b[i]! : trace.a[i]!;
}

/** Calls `visit(i)` for every allocation event whose block is live after `position` events. */
export function forEachLiveAllocation(
  freedAt: Int32Array,
  position: number,
  visit: (eventIndex: number) => void,
): void {
  const end = Math.min(position, freedAt.length);
  for (let i = 0; i < end; i++) if (freedAt[i]! >= position) visit(i);
}
