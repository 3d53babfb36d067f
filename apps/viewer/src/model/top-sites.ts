/**
 * The top-sites panel's data: the blocks live after the current event, tallied by
 * allocation site with `SiteTally` of `@pymem/analysis` (the definition the command
 * line uses too). The live blocks come from the recording's block lifetimes
 * (blockLifetimes, @pymem/analysis): one pass over the allocation events before the current one.
 */
import { forEachLiveAllocation, requestSize, SiteTally, type TopSites } from '@pymem/analysis';
import type { Trace } from '@pymem/tracing';

/** Groups the blocks live after `position` events by site and keeps the `limit` largest. */
export function topSites(
  trace: Trace,
  freedAt: Int32Array,
  position: number,
  limit = 12,
): TopSites {
  const tally = new SiteTally(trace);
  const site = trace.site;
  forEachLiveAllocation(freedAt, position, (i) => tally.add(site[i]!, requestSize(trace, i)));
  return tally.top(limit);
}
