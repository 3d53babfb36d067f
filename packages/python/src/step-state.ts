/**
 * What a learner sees at one step of a run: each frame's names and the objects they
 * reach, with each object's type, `sys.getsizeof`, reference count, collector state and
 * named references — read from the heap between two statements, never allocating.
 *
 *   frames ─► names ─► objects (breadth first from the names, at most MAX_OBJECTS)
 *                        └ edges named as Python reaches them ([0], ['key'], .attr)
 *
 * Invariants: an object appears once, at the first place the walk meets it; the
 * reference count is the object's own `ob_refcnt` as the model keeps it (what
 * `sys.getrefcount` prints minus its argument's reference), shown as null where the
 * count includes references from outside the program (cached singletons before 3.12).
 */
import { type Heap, namedReferents, type ObjectHandle } from '@pymem/objects';
import { Unsupported } from './errors.ts';
import type { Machine } from './machine.ts';
import { reprText } from './values.ts';

/** The most objects one step lists (the rest are counted, not shown). */
export const MAX_OBJECTS = 400;
/** The most references shown per object. */
export const MAX_EDGES = 64;
/** The longest value text shown. */
const MAX_TEXT = 80;
/** Containers longer than this are summarised, not repr'd (a step must stay cheap). */
const MAX_SHOWN_ITEMS = 16;

/** One named reference from an object or a frame. */
export interface EdgeView {
  /** `[0]`, `['key']`, `.attr`, a variable's name, … */
  readonly label: string;
  /** The target's address (`id()`). */
  readonly address: number;
}

/** One object as the step shows it. */
export interface ObjectView {
  /** Its address, `id(o)`. */
  readonly address: number;
  /** `type(o).__name__`. */
  readonly type: string;
  /** `sys.getsizeof(o)` (null for a class). */
  readonly size: number | null;
  /** `ob_refcnt`, or null where outside references make it unknowable. */
  readonly refcount: number | null;
  /** The collector's view: its generation, 'untracked', or 'tracked' when no collector runs. */
  readonly gc: number | 'permanent' | 'tracked' | 'untracked' | 'not a container';
  /** Immortal (3.12+ singletons and constants made immortal). */
  readonly immortal: boolean;
  /** A pre-existing cached object (small int, one-character str, None, …). */
  readonly cached: boolean;
  /** A code constant (held by the code object as well). */
  readonly constant: boolean;
  /** A short `repr()` of it. */
  readonly text: string;
  /** Its references, named (at most {@link MAX_EDGES}). */
  readonly edges: readonly EdgeView[];
  /** References it holds beyond those listed. */
  readonly moreEdges: number;
}

/** One frame: its name and its variables. */
export interface FrameView {
  /** `<module>` or the function's name. */
  readonly name: string;
  /** 1-based line it is at. */
  readonly line: number;
  /** Its bound names, in definition order. */
  readonly names: readonly EdgeView[];
}

/** The state of the program before one statement runs. */
export interface StepView {
  /** 1-based step number. */
  readonly step: number;
  /** The line about to run. */
  readonly line: number;
  /** The frames, outermost (the module) first. */
  readonly frames: readonly FrameView[];
  /** The objects the frames reach. */
  readonly objects: readonly ObjectView[];
  /** Objects reached but not listed (beyond {@link MAX_OBJECTS}). */
  readonly moreObjects: number;
  /** How many characters the program had printed. */
  readonly stdoutLength: number;
  /** True for the state after the program ended (no statement about to run). */
  readonly done: boolean;
}

/** A frame's names and values (borrowed handles; 0 for an unbound local). */
export interface FrameNames {
  readonly name: string;
  readonly line: number;
  readonly names: readonly (readonly [string, ObjectHandle])[];
}

/** Reads the step's view from the machine: `frames` from the module outwards. */
export function captureStep(m: Machine, frames: readonly FrameNames[], done = false): StepView {
  const heap = m.heap;
  const frameViews: FrameView[] = [];
  const queue: ObjectHandle[] = [];
  const seen = new Set<ObjectHandle>();
  const reach = (o: ObjectHandle): void => {
    if (!seen.has(o)) {
      seen.add(o);
      queue.push(o);
    }
  };
  for (const f of frames) {
    const names: EdgeView[] = [];
    for (const [name, value] of f.names) {
      if (value === 0) continue;
      names.push({ label: name, address: heap.addressOf(value) });
      reach(value);
    }
    frameViews.push({ name: f.name, line: f.line, names });
  }
  const objects: ObjectView[] = [];
  for (let i = 0; i < queue.length && objects.length < MAX_OBJECTS; i++) {
    const o = queue[i]!;
    const named = namedReferents(heap, o, (k) => shortText(heap, k));
    const edges = named.slice(0, MAX_EDGES);
    for (const e of edges) reach(e.target);
    objects.push(objectView(m, o, edges, named.length - edges.length));
  }
  return {
    step: m.steps,
    line: m.line,
    frames: frameViews,
    objects,
    moreObjects: queue.length - objects.length,
    stdoutLength: m.out.reduce((n, s) => n + s.length, 0),
    done,
  };
}

function objectView(
  m: Machine,
  o: ObjectHandle,
  edges: readonly { label: string; target: ObjectHandle }[],
  moreEdges: number,
): ObjectView {
  const heap = m.heap;
  const type = heap.typeOf(o);
  const cached = heap.isSingleton(o);
  const immortal = heap.isImmortal(o);
  const outside = cached && heap.layout.immortalRefcount === null;
  const generation = m.gc?.collector.collector.generationOf(o) ?? null;
  const gc: ObjectView['gc'] = !heap.isGc(o)
    ? 'not a container'
    : !heap.isTracked(o)
      ? 'untracked'
      : m.gc === null
        ? 'tracked'
        : (generation ?? 'tracked');
  return {
    address: heap.addressOf(o),
    type: heap.typeNameOf(o),
    size: type === 'type' ? null : heap.sizeof(o),
    refcount: outside || immortal ? null : heap.refcount(o),
    gc,
    immortal,
    cached,
    constant: m.constants.has(o),
    text: shortText(heap, o),
    edges: edges.map((e) => ({ label: e.label, address: heap.addressOf(e.target) })),
    moreEdges,
  };
}

/** `repr(o)`, cut to {@link MAX_TEXT} characters; `<type object>` where repr is not modelled. */
function shortText(heap: Heap, o: ObjectHandle): string {
  const type = heap.typeOf(o);
  const container = type === 'list' || type === 'tuple' || type === 'dict' || type === 'set';
  if ((container || type === 'frozenset') && heap.lengthOf(o) > MAX_SHOWN_ITEMS)
    return `<${type} of ${heap.lengthOf(o)} items>`;
  let text: string;
  try {
    text = reprText(heap, o);
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
    text = `<${heap.typeNameOf(o)} object>`;
  }
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}
