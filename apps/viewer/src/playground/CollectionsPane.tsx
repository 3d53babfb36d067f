/**
 * The collections of a run, and a walk through one of them phase by phase in the
 * order CPython runs them: what each phase does, how many objects it touched and
 * which. Each collection links to the step after it, where its frees are visible.
 */
import type { CollectionView, PhaseView } from '@pymem/python';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';

/** What each phase does, in a sentence (gc_collect_main and its helpers). */
export const PHASE_TEXT: Record<string, string> = {
  'update-refs': 'gc_refs := the reference count, for every object of the collected generations',
  'immortal-to-permanent': 'immortal objects leave the young list for the permanent generation',
  'subtract-refs': 'each reference from inside the generations is subtracted from its target',
  'move-unreachable':
    'objects left with gc_refs 0 and not reached from an outside-referenced one are unreachable',
  'untrack-tuples': 'surviving tuples holding only untracked objects stop being tracked',
  'untrack-dicts': 'surviving dicts holding only untracked objects stop being tracked',
  'move-legacy-finalizers': 'objects with __del__ via tp_del (and what they reach) are set aside',
  'handle-weakrefs': 'weak references to unreachable objects are cleared',
  'finalize-garbage': '__del__ (tp_finalize) runs once for each unreachable object that has one',
  resurrected: 'objects a finalizer made reachable again survive',
  'delete-garbage': 'tp_clear breaks the cycles; reference counts fall to 0 and blocks are freed',
  'handle-legacy-finalizers': 'what could not be collected goes to gc.garbage',
  'mark-roots': 'objects reachable from the roots are marked visited',
  increment: 'the objects this increment examines',
};

/** Props of {@link CollectionsPane}. */
export interface CollectionsPaneProps {
  readonly collections: readonly CollectionView[];
  /** The `step` number of the step shown (collections after it have not run yet). */
  readonly step: number;
  /** Shows the step right after collection `c`. */
  readonly onShowAfter: (c: CollectionView) => void;
  readonly onSelect: (address: number) => void;
}

/** The run's collections. */
export function CollectionsPane({
  collections,
  step,
  onShowAfter,
  onSelect,
}: CollectionsPaneProps): JSX.Element | null {
  const [open, setOpen] = useState<number | null>(null);
  const [phase, setPhase] = useState(0);
  if (collections.length === 0) return null;
  const chosen = open === null ? null : collections[open]!;
  const current: PhaseView | undefined = chosen?.phases[phase];
  return (
    <section class="collections" data-testid="collections">
      <h3>Collections</h3>
      <ol>
        {collections.map((c, i) => (
          <li key={`${c.step}-${i}`} class={c.step >= step ? 'muted' : ''} data-collection={i}>
            <button
              type="button"
              data-testid="collection"
              onClick={() => {
                setOpen(i);
                setPhase(0);
              }}
            >
              line {c.line}: {c.reason} collection of generation {c.generation}
            </button>{' '}
            — {c.collected} collected
            {c.uncollectable > 0 ? `, ${c.uncollectable} uncollectable` : ''}{' '}
            <button type="button" onClick={() => onShowAfter(c)} data-testid="collection-after">
              show the step after
            </button>
          </li>
        ))}
      </ol>
      {chosen && current ? (
        <div class="phase-walk" data-testid="phase-walk">
          <div class="phase-nav">
            <button
              type="button"
              onClick={() => setPhase(phase - 1)}
              disabled={phase === 0}
              data-testid="phase-back"
            >
              ◀ phase
            </button>
            <span data-testid="phase-label">
              phase {phase + 1} of {chosen.phases.length}:{' '}
              <strong data-testid="phase-name">{current.phase}</strong> (
              <span data-testid="phase-count">{current.count}</span> objects)
            </span>
            <button
              type="button"
              onClick={() => setPhase(phase + 1)}
              disabled={phase >= chosen.phases.length - 1}
              data-testid="phase-forward"
            >
              phase ▶
            </button>
          </div>
          <p class="muted">{PHASE_TEXT[current.phase] ?? ''}</p>
          <p class="muted">
            generations held {chosen.generationSizes.join(' / ')} tracked objects when it began
          </p>
          <ul class="phase-objects">
            {current.objects.map((o, i) => (
              <li key={`${o.address}-${i}`}>
                <button type="button" class="ref" onClick={() => onSelect(o.address)}>
                  {o.type} 0x{o.address.toString(16)}
                </button>
              </li>
            ))}
            {current.count > current.objects.length ? (
              <li class="muted">… {current.count - current.objects.length} more</li>
            ) : null}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
