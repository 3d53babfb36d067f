/**
 * The flame graph of the blocks live at the current event (when the recording has
 * sites): requested bytes by Python stack, `liveStacks` of @pymem/analysis — the tree
 * `pymem flamegraph --at N` draws — through the same d3-flame-graph module
 * (flamegraph/flame-graph.ts). Like the top-sites panel it is rebuilt once the
 * position rests, not during playback; hover a frame for its bytes, click to zoom.
 */
import { liveStacks, type StackNode } from '@pymem/analysis';
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { type FlameGraphHandle, mountFlameGraph } from '../flamegraph/flame-graph.ts';
import type { ViewerSession } from '../model/session.ts';
import { bytes, grouped } from './format.ts';

/** Props of {@link FlameGraphPanel}. */
export interface FlameGraphPanelProps {
  readonly session: ViewerSession;
  /** Block lifetimes (blockLifetimes, @pymem/analysis), null while they are being worked out. */
  readonly freedAt: Int32Array | null;
  readonly position: number;
  readonly playing: boolean;
}

/** Milliseconds the position must rest before the tree is rebuilt. */
const SETTLE_MS = 120;

/** The tree at a settled position, or null before the first one. */
function useSettledTree(
  session: ViewerSession,
  freedAt: Int32Array | null,
  position: number,
  playing: boolean,
): { position: number; root: StackNode } | null {
  const [tree, setTree] = useState<{ position: number; root: StackNode } | null>(null);
  useEffect(() => {
    if (!freedAt || !session.whole || playing || !session.hasSites) return;
    const timer = setTimeout(
      () => setTree({ position, root: liveStacks(session.whole!, position, freedAt) }),
      SETTLE_MS,
    );
    return () => clearTimeout(timer);
  }, [session, freedAt, position, playing]);
  useEffect(() => setTree(null), [session]);
  return tree;
}

/** The flame-graph panel. */
export function FlameGraphPanel({
  session,
  freedAt,
  position,
  playing,
}: FlameGraphPanelProps): JSX.Element {
  const tree = useSettledTree(session, freedAt, position, playing);
  const chart = useRef<HTMLDivElement | null>(null);
  const details = useRef<HTMLDivElement | null>(null);
  const handle = useRef<FlameGraphHandle | null>(null);
  useEffect(() => {
    const element = chart.current;
    if (!element || !tree) return;
    handle.current?.destroy();
    handle.current = mountFlameGraph(element, tree.root, element.clientWidth, details.current);
  }, [tree]);
  useEffect(
    () => () => {
      handle.current?.destroy();
      handle.current = null;
    },
    [],
  );
  return (
    <section class="panel flame-graph" aria-label="Flame graph" data-testid="flamegraph-panel">
      <header>
        <h2>Flame graph of live bytes</h2>
        {tree && tree.position !== position && <span class="hint">updating…</span>}
      </header>
      {!session.hasSites ? (
        <p class="hint">This recording names no allocation sites (record with --sites N).</p>
      ) : !session.whole ? (
        <p class="hint">Not shown for a recording read chunk by chunk (it needs every event).</p>
      ) : !tree ? (
        <p class="hint">{freedAt ? 'Building the stacks…' : 'Working out block lifetimes…'}</p>
      ) : (
        <p>
          {bytes(tree.root.bytes)} requested in {grouped(tree.root.blocks)} live blocks, after{' '}
          {grouped(tree.position)} events, by Python stack (click a frame to zoom)
        </p>
      )}
      <div class="flame-graph-details" ref={details} />
      <div class="flame-graph-chart" ref={chart} data-testid="flamegraph" />
    </section>
  );
}
