/**
 * Top allocation sites of the live blocks at the current event (when the recording
 * has sites): grouped by the most recent frame's `file:line`, by requested bytes.
 * Grouping costs a pass over the allocation events, so it runs shortly after the
 * position settles, and not during playback.
 */
import type { TopSites } from '@pymem/analysis';
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ViewerSession } from '../model/session.ts';
import { topSites } from '../model/top-sites.ts';
import { bytes, grouped } from './format.ts';

/** Props of {@link SitesPanel}. */
export interface SitesPanelProps {
  readonly session: ViewerSession;
  /** Block lifetimes (blockLifetimes, @pymem/analysis), null while they are being worked out. */
  readonly freedAt: Int32Array | null;
  readonly position: number;
  readonly playing: boolean;
}

/** Milliseconds the position must rest before the sites are regrouped. */
const SETTLE_MS = 60;

/** The top-sites panel. */
export function SitesPanel({ session, freedAt, position, playing }: SitesPanelProps): JSX.Element {
  const [sites, setSites] = useState<{ position: number; sites: TopSites } | null>(null);
  useEffect(() => {
    if (!freedAt || !session.whole || playing) return;
    const timer = setTimeout(
      () => setSites({ position, sites: topSites(session.whole!, freedAt, position) }),
      SETTLE_MS,
    );
    return () => clearTimeout(timer);
  }, [session, freedAt, position, playing]);
  useEffect(() => setSites(null), [session]);
  const shown = sites?.sites;
  return (
    <section class="panel" aria-label="Top allocation sites" data-testid="sites">
      <header>
        <h2>Top sites</h2>
        {sites && sites.position !== position && <span class="hint">updating…</span>}
      </header>
      {!session.hasSites ? (
        <p class="hint">This recording names no allocation sites.</p>
      ) : !session.whole ? (
        <p class="hint">Not shown for a recording read chunk by chunk (it needs every event).</p>
      ) : !shown ? (
        <p class="hint">{freedAt ? 'Grouping the live blocks…' : 'Working out block lifetimes…'}</p>
      ) : (
        <>
          <p>
            {grouped(shown.totalBlocks)} live blocks, {bytes(shown.totalBytes)} requested, from{' '}
            {grouped(shown.sites)} lines, after {grouped(sites.position)} events
          </p>
          <table class="compact">
            <thead>
              <tr>
                <th>file:line</th>
                <th>blocks</th>
                <th>requested</th>
              </tr>
            </thead>
            <tbody>
              {shown.rows.map((row) => (
                <tr key={row.site}>
                  <td class="site">{row.site}</td>
                  <td>{grouped(row.blocks)}</td>
                  <td>{bytes(row.bytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
