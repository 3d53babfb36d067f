/**
 * The heap map: every arena as a row of its 64 pools, every pool as its blocks
 * (see layout.ts, paint.ts). Hovering shows what lies under the pointer; clicking a
 * pool selects it for the zoom panel.
 */
import { siteName } from '@pymem/analysis';
import { hexAddress } from '@pymem/obmalloc';
import type { JSX, RefObject } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ViewerSession } from '../model/session.ts';
import { ARENA_STATUS_STYLE } from './arena-status.ts';
import { buildPalette } from './colors.ts';
import { describeTarget, targetLines } from './describe-target.ts';
import { hitTest, pointOfOffset } from './hit-test.ts';
import { cellOrigin, type HeapMapLayout, layoutHeapMap } from './layout.ts';
import { type ArenaRowInfo, arenaRows, paintHeapMap } from './paint.ts';

/** A pool, named by its arena object and index in the arena. */
export interface PoolRef {
  readonly arena: number;
  readonly pool: number;
}

/** What the page can ask of the heap map directly. */
export interface HeapMapHandle {
  /** Seeks to `position` and repaints now. */
  paint(position: number): void;
  /** Canvas point, in client coordinates, of a pool byte (see ViewerHook.pointOf). */
  pointOf(arena: number, pool: number, offset: number): { x: number; y: number } | null;
}

/** Props of {@link HeapMap}. */
export interface HeapMapProps {
  readonly session: ViewerSession;
  readonly position: number;
  readonly selected: PoolRef | null;
  readonly onSelect: (pool: PoolRef) => void;
  /** A block to mark (the selected object's), by pool and byte offset in the pool. */
  readonly block?: (PoolRef & { readonly offset: number; readonly address: number }) | null;
  /** The tooltip's line naming what lives in an allocated block (a snapshot's object), if any. */
  readonly blockOwner?: ((address: number, size: number) => string | null) | null;
  /** Called on a click on a pool with the byte offset clicked. */
  readonly onPick?: (pool: PoolRef, offset: number) => void;
  readonly handle: RefObject<HeapMapHandle | null>;
  /** Called after each paint with the event index painted. */
  readonly onPaint?: (position: number) => void;
}

interface Drawn {
  layout: HeapMapLayout;
  rows: number[];
  infos: ArenaRowInfo[];
}

interface Tooltip {
  readonly x: number;
  readonly y: number;
  readonly lines: readonly string[];
}

const palette = buildPalette();

/** Horizontal padding of the `.heapmap` box (styles.css). */
const BOX_PADDING = 12;

/** Width available to the canvas inside the heap-map box. */
function contentWidth(element: Element): number {
  return Math.floor(element.clientWidth - BOX_PADDING);
}

function drawLabels(
  context: CanvasRenderingContext2D,
  layout: HeapMapLayout,
  infos: readonly ArenaRowInfo[],
  arenaSize: number,
): void {
  context.font = '11px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
  context.textBaseline = 'middle';
  for (let r = 0; r < infos.length; r++) {
    const info = infos[r]!;
    const y = layout.top + r * layout.rowHeight;
    const middle = y + layout.cellHeight / 2;
    context.fillStyle = info.status === 'unused' ? '#b0b4ba' : '#1f2933';
    context.fillText(`#${info.arena}`, 2, middle);
    if (info.status === 'unused') continue;
    const style = ARENA_STATUS_STYLE[info.status];
    const barX = 34;
    const barWidth = layout.labelWidth - barX - 6;
    const barHeight = Math.min(layout.cellHeight - 2, 10);
    const barY = Math.round(middle - barHeight / 2);
    context.fillStyle = '#e4e7eb';
    context.fillRect(barX, barY, barWidth, barHeight);
    context.fillStyle = style.color;
    const used = Math.max(1, Math.round((barWidth * info.usedBytes) / arenaSize));
    context.fillRect(barX, barY, info.poolsUsed === 0 ? barWidth : used, barHeight);
  }
}

/** The heap map canvas with its tooltip. */
export function HeapMap(props: HeapMapProps): JSX.Element {
  const { session, position, selected, onSelect, handle, onPaint, block, onPick, blockOwner } =
    props;
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawn = useRef<Drawn | null>(null);
  const image = useRef<ImageData | null>(null);
  const pointer = useRef<{ x: number; y: number; clientX: number; clientY: number } | null>(null);
  const [width, setWidth] = useState<number | null>(null);
  const [tooltip, setTooltip] = useState<Tooltip | null>(null);
  const scratch = useMemo(() => new Uint8Array(session.maxBlocks), [session]);
  const minRows = session.timeline.lastArena + 1;

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new ResizeObserver((entries) => {
      const next = contentWidth(entries[0]?.target ?? element);
      setWidth((was) => (was === next ? was : next));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const paint = useCallback(
    (at: number) => {
      const element = canvas.current;
      const available = width ?? (box.current ? contentWidth(box.current) : 0);
      if (!element || !available) return;
      const model = session.model(at);
      const c = model.constants;
      const rows = arenaRows(model, minRows);
      const layout = layoutHeapMap({
        width: Math.max(320, Math.floor(available)),
        rows: rows.length,
        poolsPerArena: c.maxPoolsInArena,
        poolSize: c.poolSize,
      });
      if (element.width !== layout.width || element.height !== layout.height) {
        element.width = layout.width;
        element.height = layout.height;
        element.style.width = `${layout.width}px`;
        element.style.height = `${layout.height}px`;
        image.current = null;
      }
      const context = element.getContext('2d');
      if (!context) return;
      if (image.current === null)
        image.current = context.createImageData(layout.width, layout.height);
      const pixels = new Uint32Array(image.current.data.buffer);
      const infos = paintHeapMap(pixels, layout.width, layout, model, rows, palette, scratch);
      context.putImageData(image.current, 0, 0);
      drawLabels(context, layout, infos, c.arenaSize);
      drawn.current = { layout, rows, infos };
      onPaint?.(at);
    },
    [session, width, minRows, scratch, onPaint],
  );

  const describe = useCallback(
    (x: number, y: number): readonly string[] | null => {
      const current = drawn.current;
      if (!current) return null;
      const hit = hitTest(current.layout, x, y);
      if (!hit) return null;
      const arena = current.rows[hit.row]!;
      if (hit.pool < 0) {
        const info = current.infos[hit.row];
        if (!info || info.status === 'unused') return [`arena #${arena}`, 'unused arena object'];
        const arenaSize = session.constants.arenaSize;
        const percent = ((100 * info.usedBytes) / arenaSize).toFixed(1);
        return [
          `arena #${arena} at ${hexAddress(info.address)}`,
          `${ARENA_STATUS_STYLE[info.status].label}: ${percent}% in live blocks`,
          `${info.poolsUsed} pools used, ${info.poolsEmpty} empty, ${info.poolsVirgin} never carved`,
          `${info.blocks.toLocaleString('en-US')} live blocks`,
        ];
      }
      const model = session.model(position);
      const target = describeTarget(model, arena, hit.pool, hit.offset, scratch);
      if (!target) return null;
      let allocation: { eventIndex: number; site: string | null } | null = null;
      if (target.kind === 'block' && target.state === 'allocated') {
        const found = session.allocationOf(position, target.address);
        if (found.eventIndex >= 0) {
          allocation = { eventIndex: found.eventIndex, site: siteName(session.trace, found.site) };
        }
      }
      const lines = targetLines(target, allocation);
      const owner =
        target.kind === 'block' && target.state === 'allocated'
          ? blockOwner?.(target.address, target.blockSize)
          : null;
      if (owner) lines.push(owner);
      return lines;
    },
    [session, position, scratch, blockOwner],
  );

  useLayoutEffect(() => {
    paint(position);
    const at = pointer.current;
    if (at) {
      const lines = describe(at.x, at.y);
      setTooltip(lines ? { x: at.clientX, y: at.clientY, lines } : null);
    }
  }, [paint, position, describe]);

  useEffect(() => {
    handle.current = {
      paint,
      pointOf: (arena, pool, offset) => {
        const current = drawn.current;
        const element = canvas.current;
        if (!current || !element) return null;
        const row = current.rows.indexOf(arena);
        if (row < 0) return null;
        const point = pointOfOffset(current.layout, row, pool, offset);
        const rect = element.getBoundingClientRect();
        return { x: rect.left + point.x, y: rect.top + point.y };
      },
    };
  }, [handle, paint]);

  const onMove = (event: MouseEvent) => {
    const rect = (event.currentTarget as HTMLCanvasElement).getBoundingClientRect();
    const x = event.clientX - rect.left;
    const y = event.clientY - rect.top;
    pointer.current = { x, y, clientX: event.clientX, clientY: event.clientY };
    const lines = describe(x, y);
    setTooltip(lines ? { x: event.clientX, y: event.clientY, lines } : null);
  };
  const onLeave = () => {
    pointer.current = null;
    setTooltip(null);
  };
  const onClick = (event: MouseEvent) => {
    const current = drawn.current;
    if (!current) return;
    const rect = (event.currentTarget as HTMLCanvasElement).getBoundingClientRect();
    const hit = hitTest(current.layout, event.clientX - rect.left, event.clientY - rect.top);
    if (!hit || hit.pool < 0) return;
    const pool = { arena: current.rows[hit.row]!, pool: hit.pool };
    onSelect(pool);
    onPick?.(pool, hit.offset);
  };

  const selection = (() => {
    const current = drawn.current;
    if (!selected || !current) return null;
    const row = current.rows.indexOf(selected.arena);
    if (row < 0) return null;
    const origin = cellOrigin(current.layout, row, selected.pool);
    return (
      <div
        class="heapmap-selection"
        style={{
          left: `${origin.x - 2}px`,
          top: `${origin.y - 2}px`,
          width: `${current.layout.cellWidth + 4}px`,
          height: `${current.layout.cellHeight + 4}px`,
        }}
      />
    );
  })();

  const marked = (() => {
    const current = drawn.current;
    if (!block || !current) return null;
    const row = current.rows.indexOf(block.arena);
    if (row < 0) return null;
    const point = pointOfOffset(current.layout, row, block.pool, block.offset);
    return (
      <div
        class="heapmap-block"
        data-testid="heapmap-block"
        data-address={hexAddress(block.address)}
        style={{ left: `${Math.floor(point.x) - 4}px`, top: `${Math.floor(point.y) - 4}px` }}
      />
    );
  })();

  return (
    <div class="heapmap" ref={box}>
      <div class="heapmap-canvas-box">
        <canvas
          ref={canvas}
          data-testid="heapmap"
          aria-label="Heap map: arenas as rows of pools, pools as their blocks"
          onMouseMove={onMove}
          onMouseLeave={onLeave}
          onClick={onClick}
        />
        {selection}
        {marked}
      </div>
      {tooltip && (
        <div
          class="tooltip"
          role="tooltip"
          data-testid="heapmap-tooltip"
          style={{
            left: `${Math.min(tooltip.x + 14, window.innerWidth - 320)}px`,
            top: `${tooltip.y + 14}px`,
          }}
        >
          {tooltip.lines.map((line) => (
            <div key={line}>{line}</div>
          ))}
        </div>
      )}
    </div>
  );
}
