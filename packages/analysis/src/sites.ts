/**
 * Where live memory was allocated: live blocks grouped by the most recent frame of
 * their allocation site (`file:line`), summing requested sizes, most bytes first and
 * ties by name — tracemalloc's `statistics('lineno')` over the object allocator.
 * Blocks without a site are grouped as `<unknown>`. Both the CLI's per-arena pins and
 * the viewer's top-sites panel tally through {@link SiteTally}.
 */
import type { TraceNotes } from '@pymem/tracing';
import { frameName } from './allocation-stacks.ts';
import { TracebackTally } from './traceback-tally.ts';

/** What a site's blocks are grouped under when it has no frame. */
export const UNKNOWN_SITE = '<unknown>';

/** `file:line` of the most recent frame of traceback `site`, or null without one. */
export function siteName(trace: TraceNotes, site: number): string | null {
  if (site < 0 || site >= trace.tracebacks.length) return null;
  const frame = trace.tracebacks[site]!.frames[0];
  return frame ? frameName(trace, frame) : null;
}

/** One source line and what its live blocks hold. */
export interface SiteRow {
  /** `file:line`, or `<unknown>` for blocks without a site. */
  readonly site: string;
  readonly blocks: number;
  /** Requested bytes (not block sizes). */
  readonly bytes: number;
}

/** The top sites of some live blocks, with totals over all of them. */
export interface TopSites {
  /** The largest sites, at most the limit asked for. */
  readonly rows: readonly SiteRow[];
  readonly totalBlocks: number;
  readonly totalBytes: number;
  /** Distinct sites. */
  readonly sites: number;
}

/**
 * Counts live blocks per allocation site. `add` costs two array updates (tallied per
 * traceback id); names are resolved and merged once, in {@link rows}.
 */
export class SiteTally extends TracebackTally {
  /** Every site with live blocks, most requested bytes first (ties by name). */
  rows(): SiteRow[] {
    const bySite = new Map<string, { blocks: number; bytes: number }>();
    for (let slot = 0; slot < this.blocks.length; slot++) {
      if (this.blocks[slot] === 0) continue;
      const name = siteName(this.trace, slot - 1) ?? UNKNOWN_SITE;
      const entry = bySite.get(name) ?? { blocks: 0, bytes: 0 };
      entry.blocks += this.blocks[slot]!;
      entry.bytes += this.bytes[slot]!;
      bySite.set(name, entry);
    }
    return [...bySite]
      .map(([site, entry]) => ({ site, ...entry }))
      .sort((x, y) => y.bytes - x.bytes || x.site.localeCompare(y.site));
  }

  /** The `limit` largest sites, with the totals over all of them. */
  top(limit = 12): TopSites {
    const rows = this.rows();
    return {
      rows: rows.slice(0, limit),
      totalBlocks: this.totalBlocks,
      totalBytes: this.totalBytes,
      sites: rows.length,
    };
  }
}
