/**
 * Which event allocated a live block: the most recent `m`/`c`/`r` before the current
 * position whose result is the block's address (the block is live, so no later event
 * can have handed the same address out again). One backward scan over two columns,
 * done only when the pointer rests on a block.
 */
import { Domain, type EventColumns, Op, type Trace } from '@pymem/tracing';

/** Index of the event that allocated the block at `address`, live after `position` events; −1 if none. */
export function findAllocatingEvent(trace: Trace, position: number, address: number): number {
  return findAllocatingEventIn(trace, Math.min(position, trace.length), address);
}

/** The last of the first `rows` rows of `columns` that allocated `address`; −1 if none. */
export function findAllocatingEventIn(
  columns: EventColumns,
  rows: number,
  address: number,
): number {
  const { op, b, c, domain } = columns;
  for (let i = rows - 1; i >= 0; i--) {
    const code = op[i]!;
    if (code === Op.malloc || code === Op.calloc) {
      if (b[i] === address && domain[i] !== Domain.raw) return i;
    } else if (code === Op.realloc) {
      if (c[i] === address && domain[i] !== Domain.raw) return i;
    }
  }
  return -1;
}
