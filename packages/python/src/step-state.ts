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
import { reprText, strRepr } from './values.ts';

/** The most objects one step lists (the rest are counted, not shown). */
export const MAX_OBJECTS = 150;
/** The most references shown per object. */
export const MAX_EDGES = 24;
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
  /** The address of its memory block (GC header or pre-header included). */
  readonly block: number;
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

/**
 * Captures step views, reusing an object's view while nothing it shows has changed
 * (so a long run keeps one copy of each object's state, not one per step).
 *
 * Invariant: a view is reused only when every field a fresh capture would make is
 * equal — type, address, refcount, size, collector state, flags, text, and each listed
 * reference's label and target address — so a reused view is exactly a fresh one. Container texts are shallow (items that are containers are shown as
 * `[…]`), so a container's text depends only on its references.
 */
export class StepRecorder {
  private readonly m: Machine;
  private readonly views = new Map<ObjectHandle, ObjectView>();

  constructor(machine: Machine) {
    this.m = machine;
  }

  /** The view of the machine now: `frames` from the module outwards. */
  capture(frames: readonly FrameNames[], done = false): StepView {
    const m = this.m;
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
      const named = namedReferents(heap, o, (k) => atomText(heap, k) ?? '…', MAX_EDGES);
      for (const e of named.edges) reach(e.target);
      objects.push(this.objectView(o, named.edges, named.total - named.edges.length));
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

  private objectView(
    o: ObjectHandle,
    edges: readonly { label: string; target: ObjectHandle }[],
    moreEdges: number,
  ): ObjectView {
    const m = this.m;
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
    const refcount = outside || immortal ? null : heap.refcount(o);
    const size = type === 'type' ? null : heap.sizeof(o);
    const address = heap.addressOf(o);
    const text = valueText(m, o, edges);
    const constant = m.constants.has(o);
    const known = this.views.get(o);
    if (
      known !== undefined &&
      known.address === address &&
      known.refcount === refcount &&
      known.size === size &&
      known.gc === gc &&
      known.text === text &&
      known.cached === cached &&
      known.immortal === immortal &&
      known.constant === constant &&
      known.moreEdges === moreEdges &&
      sameEdges(heap, known.edges, edges) &&
      known.type === heap.typeNameOf(o)
    )
      return known;
    const view: ObjectView = {
      address,
      block: heap.blockAddressOf(o),
      type: heap.typeNameOf(o),
      size,
      refcount,
      gc,
      immortal,
      cached,
      constant,
      text,
      edges: edges.map((e) => ({ label: e.label, address: heap.addressOf(e.target) })),
      moreEdges,
    };
    this.views.set(o, view);
    return view;
  }
}

function sameEdges(
  heap: Heap,
  known: readonly EdgeView[],
  edges: readonly { label: string; target: ObjectHandle }[],
): boolean {
  if (known.length !== edges.length) return false;
  for (let i = 0; i < edges.length; i++) {
    const k = known[i]!;
    const e = edges[i]!;
    if (k.label !== e.label || k.address !== heap.addressOf(e.target)) return false;
  }
  return true;
}

/** The repr of an int, float, bool, None, str or bytes (cut), or null for other objects. */
function atomText(heap: Heap, o: ObjectHandle): string | null {
  const type = heap.typeOf(o);
  if (type === 'str') {
    const value = heap.valueOf(o) as string;
    try {
      return cut(strRepr(value.length > MAX_TEXT ? value.slice(0, MAX_TEXT) : value));
    } catch (error) {
      if (error instanceof Unsupported) return '<str>';
      throw error;
    }
  }
  if (
    type === 'int' ||
    type === 'bool' ||
    type === 'float' ||
    type === 'NoneType' ||
    type === 'bytes'
  ) {
    try {
      return cut(reprText(heap, o));
    } catch (error) {
      if (error instanceof Unsupported) return `<${type}>`;
      throw error;
    }
  }
  return null;
}

const BRACKETS: Record<string, readonly [string, string]> = {
  list: ['[', ']'],
  tuple: ['(', ')'],
  set: ['{', '}'],
  frozenset: ['frozenset({', '})'],
  dict: ['{', '}'],
};

/**
 * The text shown for an object: an atom's repr; a short container's items, shallow
 * (a container item is `[…]`, `(…)`, `{…}`; anything else `<type>`); otherwise its
 * kind — from `edges` only, so the text changes exactly when the references do.
 */
function valueText(
  m: Machine,
  o: ObjectHandle,
  edges: readonly { label: string; target: ObjectHandle }[],
): string {
  const heap = m.heap;
  const atom = atomText(heap, o);
  if (atom !== null) return atom;
  const type = heap.typeOf(o);
  const brackets = BRACKETS[type];
  if (brackets !== undefined) {
    const length = heap.lengthOf(o);
    if (length > MAX_SHOWN_ITEMS) return `<${type} of ${length} items>`;
    const item = (t: ObjectHandle): string => {
      const a = atomText(heap, t);
      if (a !== null) return a;
      const b = BRACKETS[heap.typeOf(t)];
      return b === undefined ? `<${heap.typeNameOf(t)}>` : `${b[0]}…${b[1]}`;
    };
    let inner: string;
    if (type === 'dict') {
      const parts: string[] = [];
      for (let i = 0; i + 1 < edges.length; i += 2)
        parts.push(`${item(edges[i]!.target)}: ${item(edges[i + 1]!.target)}`);
      inner = parts.length === length ? parts.join(', ') : `${length} items`;
    } else {
      inner = edges.map((e) => item(e.target)).join(', ');
      if (type === 'tuple' && length === 1) inner += ',';
    }
    if (type === 'set' && length === 0) return 'set()';
    if (type === 'frozenset' && length === 0) return 'frozenset()';
    return cut(`${brackets[0]}${inner}${brackets[1]}`);
  }
  if (type === 'function') return `<function ${m.functions.get(o)?.name ?? '?'}>`;
  if (type === 'instance') return `<${heap.typeNameOf(o)} object>`;
  return `<${heap.typeNameOf(o)}>`;
}

/** `text` cut to {@link MAX_TEXT} characters (an ellipsis marks the cut). */
function cut(text: string, forced = false): string {
  if (!forced && text.length <= MAX_TEXT) return text;
  return `${text.slice(0, MAX_TEXT - 1)}…`;
}
