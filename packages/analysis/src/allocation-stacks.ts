/**
 * Allocation stacks: requested bytes (and blocks) by the Python stack that allocated
 * them, as a tree — what a flame graph draws (memray's `flamegraph`, speedscope's
 * sampled profiles). One definition, for `pymem flamegraph`, `pymem export` and the
 * viewer's flame-graph panel.
 *
 *   all                          ROOT_FRAME: every block counted
 *   ├─ app.py:40                 the outermost recorded frame …
 *   │   └─ lib.py:7              … down to the most recent one (the allocating line)
 *   ├─ <truncated>               stacks deeper than the recording's --sites N frames:
 *   │   └─ …                     the frames above the kept ones were not recorded
 *   └─ <unknown>                 blocks allocated with no Python frame
 *
 * Frames are `file:line` — recordings name no functions (docs/formats/text.md `T`).
 * Which blocks are counted (mem and obj domains only, requested sizes, as tracemalloc):
 *
 *   live at p         blocks live after p events (block-lifetimes.ts): the root is
 *                     tracemalloc's traced memory at p — `takeSnapshot(replayer at p)`
 *                     `.statistics('traceback')` summed
 *   peak              live at the peak point: the first p where those live requested
 *                     bytes are highest (tracemalloc's `get_traced_memory()` peak, and
 *                     memray's heap high-water mark) — see {@link livePeak}
 *   allocated in      every allocation event i with from ≤ i < to, whatever happened to
 *   [from, to)        its block later: malloc/calloc count their size, a realloc the
 *                     new size (tracemalloc's rule: a realloc is a new trace)
 *
 * Invariants: a node's bytes = its selfBytes + its children's bytes (blocks alike); the
 * root's selfBytes are 0; children come most bytes first, ties by frame. All three
 * selections are linear in the events (one lifetimes pass, one tally pass) and in the
 * tracebacks (one trie insertion per traceback with blocks).
 */
import type { Trace, TraceNotes } from '@pymem/tracing';
import { blockLifetimes, forEachLiveAllocation, requestSize } from './block-lifetimes.ts';
import { UNKNOWN_SITE } from './sites.ts';
import { TracebackTally } from './traceback-tally.ts';

/** The root's frame name, every stack's common caller (flamegraph.pl's "all"). */
export const ROOT_FRAME = 'all';
/** Stands for the frames of a stack deeper than the recording kept. */
export const TRUNCATED_FRAME = '<truncated>';

/** One frame of the tree, under its caller. */
export interface StackNode {
  /** `file:line`, or {@link ROOT_FRAME}, {@link UNKNOWN_SITE}, {@link TRUNCATED_FRAME}. */
  readonly frame: string;
  /** Requested bytes of the blocks allocated here or below. */
  readonly bytes: number;
  /** Blocks (allocations) here or below. */
  readonly blocks: number;
  /** Requested bytes of the blocks whose most recent frame is this one. */
  readonly selfBytes: number;
  /** Blocks whose most recent frame is this one. */
  readonly selfBlocks: number;
  /** Callees, most bytes first (ties by frame). */
  readonly children: readonly StackNode[];
}

/** `file:line` of one frame of a traceback. */
export function frameName(trace: TraceNotes, frame: { filename: number; lineno: number }): string {
  return `${trace.filenames[frame.filename]?.filename ?? '?'}:${frame.lineno}`;
}

/**
 * Counts blocks per allocation stack. `add` costs two array updates (per traceback
 * id); the tree is built once, in {@link root}.
 */
export class StackTally extends TracebackTally {
  /** The tree of everything added (see the module comment). */
  root(): StackNode {
    const frames: string[] = [ROOT_FRAME];
    const parents: number[] = [-1];
    const childIds: Map<string, number>[] = [new Map()];
    const selfBlocks: number[] = [0];
    const selfBytes: number[] = [0];
    const child = (parent: number, frame: string): number => {
      const known = childIds[parent]!.get(frame);
      if (known !== undefined) return known;
      const id = frames.length;
      frames.push(frame);
      parents.push(parent);
      childIds.push(new Map());
      selfBlocks.push(0);
      selfBytes.push(0);
      childIds[parent]!.set(frame, id);
      return id;
    };
    for (let slot = 0; slot < this.blocks.length; slot++) {
      if (this.blocks[slot] === 0) continue;
      let node = 0;
      const definition = slot === 0 ? undefined : this.trace.tracebacks[slot - 1];
      if (!definition || definition.frames.length === 0) node = child(0, UNKNOWN_SITE);
      else {
        if (definition.totalFrames > definition.frames.length) node = child(0, TRUNCATED_FRAME);
        for (let k = definition.frames.length - 1; k >= 0; k--)
          node = child(node, frameName(this.trace, definition.frames[k]!));
      }
      selfBlocks[node]! += this.blocks[slot]!;
      selfBytes[node]! += this.bytes[slot]!;
    }
    // Parents are made before their children: one backward sweep sums every subtree.
    const totalBlocks = [...selfBlocks];
    const totalBytes = [...selfBytes];
    for (let id = frames.length - 1; id > 0; id--) {
      totalBlocks[parents[id]!]! += totalBlocks[id]!;
      totalBytes[parents[id]!]! += totalBytes[id]!;
    }
    const build = (id: number): StackNode => ({
      frame: frames[id]!,
      bytes: totalBytes[id]!,
      blocks: totalBlocks[id]!,
      selfBytes: selfBytes[id]!,
      selfBlocks: selfBlocks[id]!,
      children: [...childIds[id]!.values()]
        .map(build)
        .sort((x, y) => y.bytes - x.bytes || (x.frame < y.frame ? -1 : x.frame > y.frame ? 1 : 0)),
    });
    return build(0);
  }
}

/**
 * The tree of the blocks live after `eventIndex` events (0 … length).
 *
 * @param freedAt the recording's block lifetimes, if already worked out.
 */
export function liveStacks(
  trace: Trace,
  eventIndex: number,
  freedAt: Int32Array = blockLifetimes(trace),
): StackNode {
  const tally = new StackTally(trace);
  const site = trace.site;
  forEachLiveAllocation(freedAt, eventIndex, (i) => tally.add(site[i]!, requestSize(trace, i)));
  return tally.root();
}

/** The tree of every allocation event in [from, to), whatever became of its block. */
export function allocatedStacks(trace: Trace, from: number, to: number): StackNode {
  const tally = new StackTally(trace);
  const freedAt = blockLifetimes(trace);
  const end = Math.min(to, trace.length);
  for (let i = Math.max(0, from); i < end; i++)
    if (freedAt[i]! >= 0) tally.add(trace.site[i]!, requestSize(trace, i));
  return tally.root();
}

/** The peak of live requested bytes. */
export interface LivePeak {
  /** The first point (events before it) where the live requested bytes are highest. */
  readonly eventIndex: number;
  /** Live requested bytes there (0 for a recording that allocates nothing). */
  readonly bytes: number;
  /** Live blocks there. */
  readonly blocks: number;
}

/**
 * The peak: the first point p (0 … length) after which the requested bytes of live
 * mem/obj blocks are highest — tracemalloc's `get_traced_memory()` peak (checked
 * after each event, so a realloc counts its new size less the old one), and memray's
 * heap high-water mark. Not the arena peak of `pymem report` (arenas held), nor
 * pymalloc's bytes in blocks (block sizes): the peak of what the tree shows.
 */
export function livePeak(trace: Trace, freedAt: Int32Array = blockLifetimes(trace)): LivePeak {
  // bytes/blocks change at each event: + the block it allocates, − the blocks it ends.
  const deltaBytes = new Float64Array(trace.length);
  const deltaBlocks = new Int32Array(trace.length);
  for (let i = 0; i < trace.length; i++) {
    const end = freedAt[i]!;
    if (end < 0) continue;
    const size = requestSize(trace, i);
    deltaBytes[i]! += size;
    deltaBlocks[i]!++;
    if (end < trace.length) {
      deltaBytes[end]! -= size;
      deltaBlocks[end]!--;
    }
  }
  let bytes = 0;
  let blocks = 0;
  let peak: LivePeak = { eventIndex: 0, bytes: 0, blocks: 0 };
  for (let i = 0; i < trace.length; i++) {
    bytes += deltaBytes[i]!;
    blocks += deltaBlocks[i]!;
    if (bytes > peak.bytes) peak = { eventIndex: i + 1, bytes, blocks };
  }
  return peak;
}
