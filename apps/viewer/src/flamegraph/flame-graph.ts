/**
 * A flame graph of an allocation-stack tree (`StackNode` of @pymem/analysis), drawn
 * by d3-flame-graph (SVG, its stylesheet imported by its own module; click a frame to zoom into it, click the root to zoom out).
 * One module for the viewer's flame-graph panel and the page `pymem flamegraph`
 * writes (standalone.ts), so both look and read alike.
 *
 *   StackNode { frame, bytes, blocks, … children }
 *        └─► FlameDatum { name, value: bytes, blocks, selfBytes, children }
 *              └─► d3-flame-graph: one <g> per frame wider than MIN_FRAME_PIXELS
 *
 * Widths are requested bytes; frames narrower than MIN_FRAME_PIXELS are not drawn
 * (their bytes still count in their callers' widths).
 */
import type { StackNode } from '@pymem/analysis';
import flamegraph, { type FlameGraph } from 'd3-flame-graph';
import { select } from 'd3-selection';
import { bytes, grouped } from '../panels/format.ts';

/** Frames narrower than this many pixels are left out. */
export const MIN_FRAME_PIXELS = 1;

/** A node as d3-flame-graph reads it. */
interface FlameDatum {
  readonly name: string;
  /** Requested bytes, this frame and below. */
  readonly value: number;
  readonly blocks: number;
  readonly selfBytes: number;
  readonly children: FlameDatum[];
}

function toDatum(node: StackNode): FlameDatum {
  return {
    name: node.frame,
    value: node.bytes,
    blocks: node.blocks,
    selfBytes: node.selfBytes,
    children: node.children.map(toDatum),
  };
}

/** A drawn flame graph. */
export interface FlameGraphHandle {
  /** Draws another tree (zoom is reset). */
  update(root: StackNode): void;
  /** Highlights the frames whose name contains `term` ('' clears). */
  search(term: string): void;
  /** Removes the chart from its element. */
  destroy(): void;
}

/**
 * Draws `root` into `element` (emptied first), `width` pixels wide; `details` shows
 * the frame under the pointer.
 */
export function mountFlameGraph(
  element: HTMLElement,
  root: StackNode,
  width: number,
  details: HTMLElement | null = null,
): FlameGraphHandle {
  element.replaceChildren();
  const total = (value: number) => (root.bytes === 0 ? 0 : (100 * value) / root.bytes);
  const chart: FlameGraph<FlameDatum> = flamegraph<FlameDatum>()
    .width(Math.max(200, Math.floor(width)))
    .cellHeight(18)
    .minFrameSize(MIN_FRAME_PIXELS)
    .transitionDuration(250)
    .sort(false)
    .setDetailsElement(details)
    .setSearchHandler((_, sum, all) => {
      if (details)
        details.textContent = `matching frames: ${bytes(sum)} of ${bytes(all)} (${(all === 0 ? 0 : (100 * sum) / all).toFixed(1)}%)`;
    })
    .setLabelHandler(
      (frame) =>
        `${frame.data.name}: ${bytes(frame.data.value)} in ${grouped(frame.data.blocks)} blocks ` +
        `(${total(frame.data.value).toFixed(1)}%; allocated on this line: ${bytes(frame.data.selfBytes)})`,
    );
  select(element).datum(toDatum(root)).call(chart);
  return {
    update(next) {
      root = next;
      chart.update(toDatum(next));
    },
    search: (term) => (term === '' ? chart.clear() : chart.search(escapeRegExp(term))),
    destroy() {
      chart.destroy();
      element.replaceChildren();
    },
  };
}

/** d3-flame-graph searches with a RegExp: a file name's dots are literal here. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
