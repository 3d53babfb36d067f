/**
 * The collections a run made, phase by phase, for a viewer: each `gc.collect()` (or
 * automatic collection) with the step and line it ran at, its generation, and every
 * phase in the order CPython runs it with the objects it touched — read from the
 * collector's events (@pymem/gc events.ts), never from the heap after the fact.
 *
 * Invariant: the phases are listed in the order the collector emitted them, which is
 * CPython's order for the profile; `collected` is what `gc.collect()` returned.
 */
import type { GcEvent, GcPhase } from '@pymem/gc';
import type { ObjectHandle } from '@pymem/objects';
import type { Machine } from './machine.ts';

/** The most objects listed per phase (the count is always whole). */
export const MAX_PHASE_OBJECTS = 60;

/** An object a phase touched. */
export interface PhaseObject {
  readonly address: number;
  readonly type: string;
}

/** One phase of a collection. */
export interface PhaseView {
  readonly phase: GcPhase;
  /** Objects it touched. */
  readonly count: number;
  /** The first {@link MAX_PHASE_OBJECTS} of them. */
  readonly objects: readonly PhaseObject[];
}

/** One collection. */
export interface CollectionView {
  /** Statements executed when it ran (the step it ran during). */
  readonly step: number;
  /** The line running. */
  readonly line: number;
  readonly generation: number;
  readonly reason: 'automatic' | 'manual';
  /** Tracked objects in each generation when it began. */
  readonly generationSizes: readonly [number, number, number];
  readonly phases: readonly PhaseView[];
  /** Objects freed (`gc.collect()`'s result). */
  readonly collected: number;
  /** Objects kept for their legacy finalizers. */
  readonly uncollectable: number;
}

/** Builds {@link CollectionView}s from the collector's events. */
export class CollectionRecorder {
  private readonly m: Machine;
  private readonly onCollection: (c: CollectionView) => void;
  private current: {
    step: number;
    line: number;
    generation: number;
    reason: 'automatic' | 'manual';
    generationSizes: readonly [number, number, number];
    phases: PhaseView[];
  } | null = null;
  /** What each object touched in this collection was, while it was still alive. */
  private readonly known = new Map<ObjectHandle, PhaseObject>();

  constructor(machine: Machine, onCollection: (c: CollectionView) => void) {
    this.m = machine;
    this.onCollection = onCollection;
  }

  /** The collector's hook. */
  readonly listen = (event: GcEvent): void => {
    const m = this.m;
    if (event.type === 'gc-start') {
      this.known.clear();
      this.current = {
        step: m.steps,
        line: m.line,
        generation: event.generation,
        reason: event.reason,
        generationSizes: event.generationSizes,
        phases: [],
      };
    } else if (event.type === 'gc-phase' && this.current !== null) {
      const objects: PhaseObject[] = [];
      for (let i = 0; i < event.objects.length && objects.length < MAX_PHASE_OBJECTS; i++) {
        const o = this.describe(event.objects[i]!);
        if (o !== null) objects.push(o);
      }
      this.current.phases.push({ phase: event.phase, count: event.objects.length, objects });
    } else if (event.type === 'gc-stop' && this.current !== null) {
      this.onCollection({
        ...this.current,
        collected: event.collected,
        uncollectable: event.uncollectable,
      });
      this.current = null;
      this.known.clear();
    }
  };

  private describe(o: ObjectHandle): PhaseObject | null {
    const heap = this.m.heap;
    const known = this.known.get(o);
    if (known !== undefined) return known;
    if (!heap.isLive(o)) return null;
    const view = { address: heap.addressOf(o), type: heap.typeNameOf(o) };
    this.known.set(o, view);
    return view;
  }
}
