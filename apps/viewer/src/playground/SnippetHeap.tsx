/**
 * The allocator under a snippet's step: pymalloc's arenas, pools and blocks as the
 * run left them before the step's line (the recording's heap map, at the step's event
 * index), linked to the step's objects both ways:
 *
 *   object selected ──blockHolding──► its block marked, its pool zoomed
 *   click on an allocated block ──block address──► the step's object living there
 */
import { blockHolding } from '@pymem/analysis';
import { hexAddress } from '@pymem/obmalloc';
import type { StepView } from '@pymem/python';
import type { JSX } from 'preact';
import { useCallback, useMemo, useRef, useState } from 'preact/hooks';
import { describeTarget } from '../heapmap/describe-target.ts';
import { HeapMap, type HeapMapHandle, type PoolRef } from '../heapmap/HeapMap.tsx';
import { Legend } from '../heapmap/Legend.tsx';
import type { ViewerSession } from '../model/session.ts';
import { PoolZoom } from '../panels/PoolZoom.tsx';
import { publishPlaygroundHeapHook } from './playground-hook.ts';

/** Props of {@link SnippetHeap}. */
export interface SnippetHeapProps {
  readonly session: ViewerSession;
  /** The step's event index in the run's recording. */
  readonly position: number;
  readonly step: StepView;
  /** The selected object's address, or null. */
  readonly selected: number | null;
  readonly onSelect: (address: number | null) => void;
}

/** The heap map of the step, with the selected object's block. */
export function SnippetHeap({
  session,
  position,
  step,
  selected,
  onSelect,
}: SnippetHeapProps): JSX.Element {
  const handle = useRef<HeapMapHandle | null>(null);
  const [pool, setPool] = useState<PoolRef | null>(null);
  const byBlock = useMemo(() => new Map(step.objects.map((o) => [o.block, o])), [step]);
  const object = selected === null ? undefined : step.objects.find((o) => o.address === selected);
  const block = useMemo(() => {
    if (object === undefined) return null;
    const held = blockHolding(session.model(position), object.block);
    return held && { ...held, offset: held.address - held.poolAddress };
  }, [session, position, object]);
  const shownPool = block ? { arena: block.arena, pool: block.pool } : pool;
  publishPlaygroundHeapHook({
    block: block && {
      arena: block.arena,
      pool: block.pool,
      offset: block.offset,
      address: block.address,
    },
    pointOf: (arena, p, offset) => handle.current?.pointOf(arena, p, offset) ?? null,
  });

  const onPick = useCallback(
    (picked: PoolRef, offset: number) => {
      const target = describeTarget(session.model(position), picked.arena, picked.pool, offset);
      if (target?.kind !== 'block' || target.state !== 'allocated') return;
      const found = byBlock.get(target.address);
      onSelect(found === undefined ? null : found.address);
    },
    [session, position, byBlock, onSelect],
  );
  const blockOwner = useCallback(
    (address: number) => {
      const found = byBlock.get(address);
      return found === undefined
        ? 'no object this step shows'
        : `holds ${found.type} at ${hexAddress(found.address)}`;
    },
    [byBlock],
  );

  return (
    <section class="snippet-heap" data-testid="snippet-heap">
      <h3>
        pymalloc under this step{' '}
        <span class="muted">
          (event {position.toLocaleString('en-US')}
          {object
            ? block
              ? `; ${object.type} at ${hexAddress(object.address)} in block ${hexAddress(block.address)}`
              : `; ${object.type} at ${hexAddress(object.address)} is not in a pymalloc block`
            : ''}
          )
        </span>
      </h3>
      <Legend />
      <HeapMap
        session={session}
        position={position}
        selected={shownPool}
        onSelect={(p) => {
          setPool(p);
          onSelect(null);
        }}
        block={block}
        blockOwner={blockOwner}
        onPick={onPick}
        handle={handle}
      />
      {shownPool ? (
        <PoolZoom
          session={session}
          position={position}
          pool={shownPool}
          marked={
            block && block.arena === shownPool.arena && block.pool === shownPool.pool
              ? block.index
              : null
          }
          onClose={() => {
            setPool(null);
            onSelect(null);
          }}
        />
      ) : null}
    </section>
  );
}
