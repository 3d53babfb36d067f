/**
 * Where the live memory was allocated: live blocks grouped by the most recent frame
 * of their allocation site (`file:line`), summing requested sizes, largest first —
 * tracemalloc's `statistics('lineno')` over the object allocator. The live blocks
 * come from the recording's block lifetimes (lifetimes.ts): one pass over the
 * allocation events before the current one.
 */
import type { Trace } from '@pymem/tracing';
import { siteName } from './allocating-event.ts';
import { forEachLiveAllocation, requestSize } from './lifetimes.ts';

/** One source line and what its live blocks hold. */
export interface SiteRow {
  /** `file:line`, or `<unknown>` for blocks without a site. */
  readonly site: string;
  readonly blocks: number;
  /** Requested bytes. */
  readonly bytes: number;
}

/** The top sites of the live blocks, with the totals over all of them. */
export interface TopSites {
  readonly rows: readonly SiteRow[];
  readonly totalBlocks: number;
  readonly totalBytes: number;
  /** Distinct sites. */
  readonly sites: number;
}

/** Groups the blocks live after `position` events by site and keeps the `limit` largest. */
export function topSites(
  trace: Trace,
  freedAt: Int32Array,
  position: number,
  limit = 12,
): TopSites {
  // Slot 0 counts blocks without a site; slot t + 1 traceback t.
  const slots = trace.tracebacks.length + 1;
  const blocks = new Float64Array(slots);
  const bytes = new Float64Array(slots);
  let totalBlocks = 0;
  let totalBytes = 0;
  const site = trace.site;
  forEachLiveAllocation(freedAt, position, (i) => {
    const slot = site[i]! + 1;
    const size = requestSize(trace, i);
    blocks[slot]!++;
    bytes[slot]! += size;
    totalBlocks++;
    totalBytes += size;
  });
  const bySite = new Map<string, { blocks: number; bytes: number }>();
  for (let slot = 0; slot < slots; slot++) {
    if (blocks[slot] === 0) continue;
    const name = siteName(trace, slot - 1) ?? '<unknown>';
    const entry = bySite.get(name) ?? { blocks: 0, bytes: 0 };
    entry.blocks += blocks[slot]!;
    entry.bytes += bytes[slot]!;
    bySite.set(name, entry);
  }
  const rows = [...bySite]
    .map(([name, entry]) => ({ site: name, ...entry }))
    .sort((x, y) => y.bytes - x.bytes || x.site.localeCompare(y.site));
  return { rows: rows.slice(0, limit), totalBlocks, totalBytes, sites: rows.length };
}
