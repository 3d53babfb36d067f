/**
 * Fragmentation at the current event: bytes held in arenas against bytes in live
 * blocks, and the nearly-empty arenas that a few live blocks keep from the OS.
 */
import { hexAddress } from '@pymem/obmalloc';
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { fragmentationPanelData } from '../model/fragmentation.ts';
import type { ViewerSession } from '../model/session.ts';
import { bytes, count, grouped, percent } from './format.ts';

/** Props of {@link FragmentationPanel}. */
export interface FragmentationPanelProps {
  readonly session: ViewerSession;
  readonly position: number;
}

/** The fragmentation panel. */
export function FragmentationPanel({ session, position }: FragmentationPanelProps): JSX.Element {
  const summary = useMemo(() => fragmentationPanelData(session, position), [session, position]);
  const nearly = summary.nearlyEmpty;
  return (
    <section class="panel" aria-label="Fragmentation" data-testid="fragmentation">
      <header>
        <h2>Fragmentation</h2>
      </header>
      <dl class="facts">
        <dt>arenas allocated</dt>
        <dd>
          {grouped(summary.arenas.length)} × {bytes(summary.arenaSize)} ={' '}
          {bytes(summary.bytesInArenas)}
        </dd>
        <dt>bytes in live blocks</dt>
        <dd>
          {bytes(summary.bytesInBlocks)} ({percent(summary.utilisation)} of the arenas)
        </dd>
        <dt>held but unused</dt>
        <dd>{bytes(summary.bytesInArenas - summary.bytesInBlocks)}</dd>
        <dt>free, kept for reuse</dt>
        <dd>{count(summary.freeArenas, 'arena')} with no live block (3.9+ keeps one)</dd>
        <dt>outside pymalloc</dt>
        <dd>
          {`${count(summary.outsidePymalloc.blocks, 'block')} over 512 bytes, `}
          {bytes(summary.outsidePymalloc.bytes)} requested from malloc, in no arena
        </dd>
        <dt>nearly empty (&lt; {percent(nearly.threshold)})</dt>
        <dd>
          {`${count(nearly.arenas, 'arena')} pinned by ${count(nearly.liveBlocks, 'live block')}; `}
          freeing them would give back {bytes(nearly.bytesReleasable)}
        </dd>
      </dl>
      {summary.worst.length > 0 && (
        <table class="compact">
          <thead>
            <tr>
              <th>arena</th>
              <th>address</th>
              <th>used</th>
              <th>blocks</th>
              <th>pinned by size classes</th>
            </tr>
          </thead>
          <tbody>
            {summary.worst.map((arena) => (
              <tr key={arena.index}>
                <td>#{arena.index}</td>
                <td>{hexAddress(arena.address)}</td>
                <td>{percent(arena.usedBytes / summary.arenaSize)}</td>
                <td>{grouped(arena.blocks)}</td>
                <td>
                  {arena.pinnedBy
                    .slice(0, 4)
                    .map((usage) => `${usage.size} B ×${usage.blocks}`)
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
