/**
 * One pool, large: each block a square coloured by its state, the free blocks
 * numbered in free-list order (the order pymalloc hands them out), and the list
 * itself from the pool header's `freeblock`, followed by the virgin blocks still to
 * be carved from `nextoffset`.
 */
import {
  arenaInfo,
  BlockState,
  blocksPerPool,
  hexAddress,
  poolBlockStates,
  poolFreeList,
  poolInfo,
} from '@pymem/obmalloc';
import type { JSX } from 'preact';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { cssColor, Paint } from '../heapmap/colors.ts';
import type { PoolRef } from '../heapmap/HeapMap.tsx';
import type { ViewerSession } from '../model/session.ts';
import { zoomColumns } from './zoom-columns.ts';

/** Props of {@link PoolZoom}. */
export interface PoolZoomProps {
  readonly session: ViewerSession;
  readonly position: number;
  readonly pool: PoolRef;
  readonly onClose: () => void;
  /** A block to outline (the selected object's), by index in the pool. */
  readonly marked?: number | null;
}

const LIST_SHOWN = 48;

/** The zoom panel of one pool. */
export function PoolZoom({
  session,
  position,
  pool,
  onClose,
  marked = null,
}: PoolZoomProps): JSX.Element {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hoverLine, setHoverLine] = useState('');
  const info = useMemo(() => {
    const model = session.model(position);
    const c = model.constants;
    const held = arenaInfo(model, pool.arena);
    if (held === null) return { message: 'This arena object holds no arena at this event.' };
    if (pool.pool >= held.poolsTotal)
      return { message: 'This slot is lost to arena alignment: the arena is not pool-aligned.' };
    const poolAddress = held.firstPool + pool.pool * c.poolSize;
    const header = poolInfo(model, pool.arena, pool.pool);
    const order = poolFreeList(model, pool.arena, pool.pool);
    if (!header || !order) return { message: 'This pool has not been carved yet.', poolAddress };
    const states = new Uint8Array(blocksPerPool(c, 0));
    const n = poolBlockStates(model, pool.arena, pool.pool, states);
    return {
      poolAddress,
      sizeClass: header.sizeClass,
      size: header.blockSize,
      capacity: header.capacity,
      ref: header.ref,
      nextoffset: header.nextoffset,
      maxnextoffset: header.maxnextoffset,
      overhead: c.poolOverhead,
      states: states.subarray(0, n),
      order,
    };
  }, [session, position, pool]);

  useLayoutEffect(() => {
    const element = canvas.current;
    if (!element || !('states' in info) || !info.states) return;
    const n = info.states.length;
    const columns = zoomColumns(n);
    const cell = n > 512 ? 14 : n > 128 ? 20 : 28;
    const rows = Math.ceil(n / columns);
    element.width = columns * cell;
    element.height = rows * cell;
    const context = element.getContext('2d');
    if (!context) return;
    const rank = new Map<number, number>();
    for (const [i, block] of info.order.blocks.entries()) rank.set(block, i + 1);
    context.font = `${cell > 20 ? 11 : cell > 16 ? 9 : 8}px ui-monospace, monospace`;
    context.textAlign = 'center';
    context.textBaseline = 'middle';
    for (let b = 0; b < n; b++) {
      const x = (b % columns) * cell;
      const y = Math.floor(b / columns) * cell;
      const state = info.states[b];
      const paint =
        state === BlockState.allocated
          ? Paint.allocated
          : state === BlockState.free
            ? Paint.free
            : Paint.virgin;
      context.fillStyle = cssColor(paint, info.sizeClass!);
      context.fillRect(x + 1, y + 1, cell - 2, cell - 2);
      const position = rank.get(b);
      if (position !== undefined && position < 1000) {
        context.fillStyle = '#0b3d1e';
        context.fillText(String(position), x + cell / 2, y + cell / 2 + 0.5);
      } else if (b === info.order.nextVirgin) {
        context.fillStyle = '#333';
        context.fillText('▸', x + cell / 2, y + cell / 2 + 0.5);
      }
    }
    if (marked !== null && marked < n) {
      context.strokeStyle = '#e11d48';
      context.lineWidth = 2;
      context.strokeRect(
        (marked % columns) * cell + 1,
        Math.floor(marked / columns) * cell + 1,
        cell - 2,
        cell - 2,
      );
    }
  }, [info, marked]);

  const title = `arena #${pool.arena} · pool ${pool.pool}`;
  if (!('states' in info) || !info.states) {
    return (
      <section class="panel pool-zoom" data-testid="pool-zoom">
        <header>
          <h2>{title}</h2>
          <button type="button" onClick={onClose} aria-label="Close the pool panel">
            ×
          </button>
        </header>
        {info.poolAddress !== undefined && <p>{hexAddress(info.poolAddress)}</p>}
        <p>{info.message}</p>
      </section>
    );
  }
  const free = info.order.blocks;
  const onMove = (event: MouseEvent) => {
    const element = event.currentTarget as HTMLCanvasElement;
    const rect = element.getBoundingClientRect();
    const n = info.states.length;
    const columns = zoomColumns(n);
    const cell = element.width / columns;
    const b =
      Math.floor((event.clientY - rect.top) / cell) * columns +
      Math.floor((event.clientX - rect.left) / cell);
    if (b < 0 || b >= n) return setHoverLine('');
    const address = info.poolAddress + info.overhead + b * info.size;
    const state = info.states[b];
    const words =
      state === BlockState.allocated
        ? 'allocated'
        : state === BlockState.free
          ? `free, #${free.indexOf(b) + 1} on the free list`
          : 'never carved';
    setHoverLine(`block ${b} at ${hexAddress(address)}: ${words}`);
  };
  return (
    <section class="panel pool-zoom" data-testid="pool-zoom">
      <header>
        <h2>{title}</h2>
        <button type="button" onClick={onClose} aria-label="Close the pool panel">
          ×
        </button>
      </header>
      <p>
        {hexAddress(info.poolAddress)} · size class {info.sizeClass} · {info.size}-byte blocks ·{' '}
        {info.ref} of {info.capacity} allocated (ref.count) · nextoffset {info.nextoffset} /
        maxnextoffset {info.maxnextoffset}
      </p>
      <canvas ref={canvas} class="pool-zoom-canvas" onMouseMove={onMove} />
      <p class="hover-line">{hoverLine || '\u00a0'}</p>
      <p class="free-list" data-testid="free-list">
        free list (head first, {free.length} blocks):{' '}
        {free.length === 0
          ? 'empty'
          : free.slice(0, LIST_SHOWN).join(' → ') +
            (free.length > LIST_SHOWN ? ` → … ${free.length - LIST_SHOWN} more` : '')}
        {info.order.nextVirgin >= 0
          ? `; then ${info.order.virginBlocks} virgin blocks from block ${info.order.nextVirgin} (▸)`
          : '; no virgin blocks left'}
      </p>
    </section>
  );
}
