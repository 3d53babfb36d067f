/**
 * Replays a recording on the allocator model and, optionally, proves it exact.
 *
 * Arena addresses come from the recording's `A` events (CPython's real mmap
 * results): an `A` of ARENA_SIZE is queued and handed to the model's next
 * `new_arena()`; an `A` of any other size is not an arena (3.11+ frame data-stack
 * chunks use the same allocator) and is only counted. The recorder writes each event
 * after its call returns, so an arena's `A`/`F` precedes the `m`/`c`/`r`/`f` that
 * caused it; after each object-allocator event, every queued arena must have been
 * taken and every recorded release matched (or the model diverged).
 * A recording with no `A` event at all replays on the deterministic address model.
 *
 * Pointers the model chose differently (only possible without recorded arenas, or
 * after a divergence when not verifying) are translated: later events name the
 * recorded pointer and the model is given its own.
 *
 *   verify on:  every pointer, every arena and every mark's statistics are compared;
 *               the first difference throws ReplayDivergence naming the line.
 *   verify off: differences are counted in `divergences` and the replay goes on.
 *
 * The events come from the trace's columns, or — for a streamed recording — from one
 * window of events at a time (rows `windowStart` … `windowEnd − 1` of `columns`), so a
 * streamed replay holds only the model's live state, never the whole recording; it
 * goes forwards only, unless the recording can be read from the middle (`windowsFrom`):
 * then a restore starts a new pass there. Invariant: windowStart ≤ position ≤ windowEnd whenever an
 * event is stepped.
 */
import {
  AddressTable,
  type ArenaAllocator,
  collectMallocStats,
  createAddressModel,
  formatMallocStats,
  hexAddress,
  type Obmalloc,
  type ObmallocCheckpoint,
  ObmallocError,
  type RawAllocator,
} from '@pymem/obmalloc';
import {
  Domain,
  type EventColumns,
  type EventWindow,
  isStreamed,
  type Mark,
  Op,
  type Recording,
  type StreamedTrace,
  TraceFormatError,
} from '@pymem/tracing';
import { type ProfileName, parseVersion } from '@pymem/versions';
import { ReplayDivergence } from './errors.ts';
import type { EventBus } from './event-bus.ts';
import { createRuntime, type Runtime, type RuntimeEvents } from './runtime.ts';

/** Options for {@link Replayer}. */
export interface ReplayOptions {
  /** Profile to model; defaults to the recording's `python` line. */
  readonly profile?: ProfileName;
  /** Compare every pointer, arena and mark, and throw at the first difference. */
  readonly verify?: boolean;
  /**
   * Keep a table of live object-allocator blocks (request size and allocation site,
   * keyed by the recorded address): what tracemalloc-style questions need. Off by
   * default (it costs two map updates per event).
   */
  readonly trackBlocks?: boolean;
}

/** One live block of the object allocator, as the recording names it. */
export interface LiveBlock {
  /** Recorded address. */
  readonly address: number;
  /** Requested size in bytes (not the block size). */
  readonly size: number;
  /** Traceback id of its allocation site, or -1. */
  readonly site: number;
}

/** Counters of a replay so far. */
export interface ReplayCounts {
  /** Events replayed. */
  events: number;
  /** Object-allocator results compared with CPython's. */
  pointersChecked: number;
  /** Marks whose statistics were compared with CPython's. */
  marksChecked: number;
  /** Differences seen (always 0 when verifying: the first one throws). */
  divergences: number;
  /** Arena-allocator calls that were not arenas (3.11+ data-stack chunks). */
  virtualAllocations: number;
  /** Live raw-domain blocks (only `raw` events, not pymalloc's fallbacks). */
  rawDomainBlocks: number;
}

/** A saved replay position (see {@link Replayer.checkpoint}). */
export interface ReplayCheckpoint {
  readonly position: number;
  readonly nextMark: number;
  readonly counts: Readonly<ReplayCounts>;
  readonly state: ObmallocCheckpoint;
  readonly translation: ReadonlyMap<number, number>;
  readonly virtual: ReadonlyMap<number, number>;
  readonly rawDomain: ReadonlySet<number>;
  readonly liveBlocks: AddressTable;
}

// Op and Domain codes as constants of this module: the JIT folds a module's own
// constants into the code, but loads and checks an imported object at every use.
const ARENA_FREE = Op.arenaFree;
const MALLOC = Op.malloc;
const REALLOC = Op.realloc;
const FREE = Op.free;
const RAW = Domain.raw;

/** The columns of a streamed replay before its first window. */
const EMPTY_COLUMNS: EventColumns = {
  op: new Uint8Array(0),
  domain: new Uint8Array(0),
  a: new Float64Array(0),
  b: new Float64Array(0),
  c: new Float64Array(0),
  site: new Int32Array(0),
  line: new Uint32Array(0),
};

function copyInto<K, V>(target: Map<K, V>, source: ReadonlyMap<K, V>): void {
  target.clear();
  for (const [key, value] of source) target.set(key, value);
}

/** Steps a model through a recording, event by event. */
export class Replayer {
  /** The recording (whole, or streamed). */
  readonly trace: Recording;
  /** The profile being modelled. */
  readonly profile: ProfileName;
  /** The composed model layers, in the state after `position` events. */
  readonly runtime: Runtime;
  /** The allocator model (the runtime's pymalloc), in the state after `position` events. */
  readonly model: Obmalloc;
  /** Where arena addresses come from. */
  readonly addressMode: 'recorded' | 'modelled';
  /** Events replayed so far (the index of the next event). */
  position = 0;
  /** Counters so far. */
  readonly counts: ReplayCounts = {
    events: 0,
    pointersChecked: 0,
    marksChecked: 0,
    divergences: 0,
    virtualAllocations: 0,
    rawDomainBlocks: 0,
  };
  private readonly verify: boolean;
  private readonly tracking: boolean;
  /** Recorded address of each live block → the event that allocated it. */
  private readonly liveBlockEvents = new AddressTable(4096);
  /**
   * Streamed replays only (their events are gone): each live block's site + 1 and
   * request size; sizes of 2**31 bytes or more, which the table cannot hold, in a map.
   */
  private readonly liveBlockSites: AddressTable | null = null;
  private readonly liveBlockSizes: AddressTable | null = null;
  private readonly hugeBlockSizes = new Map<number, number>();
  // The events being replayed (see the module comment).
  private columns: EventColumns;
  private windowStart = 0;
  private windowEnd: number;
  private windowsLeft: Iterator<EventWindow> | null = null;
  private nextMark = 0;
  private readonly translation = new Map<number, number>();
  private readonly virtual = new Map<number, number>();
  private readonly rawDomain = new Set<number>();
  // Scripted sources: what CPython's allocators answered for the current event.
  private readonly queuedArenas: number[] = [];
  private queuedArenaHead = 0;
  private readonly queuedArenaEvents: number[] = [];
  private readonly queuedReleases: number[] = [];
  private arenaWanted = false;
  private unexpectedRelease = -1;
  /**
   * True whenever an arena is queued or wanted or a release is queued or unexpected
   * (one test per event instead of four); only {@link checkArenas} clears it, and it
   * clears all four.
   */
  private arenaPending = false;
  /**
   * What the raw allocator answers for the current event: a one-element array, as a
   * number field would take a fresh heap number for every address stored in it.
   */
  private readonly nextRaw = new Float64Array(1);
  private readonly fallbackArenas: ArenaAllocator;

  constructor(trace: Recording, options: ReplayOptions = {}) {
    this.trace = trace;
    this.profile = options.profile ?? parseVersion(trace.header.python).name;
    this.verify = options.verify ?? false;
    this.tracking = options.trackBlocks ?? false;
    let recorded = false;
    if (isStreamed(trace)) {
      recorded = trace.hasArenaEvents;
      this.windowsLeft = trace.windows();
      this.columns = EMPTY_COLUMNS;
      this.windowEnd = 0;
      if (this.tracking) {
        this.liveBlockSites = new AddressTable(4096);
        this.liveBlockSizes = new AddressTable(4096);
      }
    } else {
      this.columns = trace;
      this.windowEnd = trace.length;
      for (let i = 0; i < trace.length && !recorded; i++) recorded = trace.op[i] === Op.arenaAlloc;
    }
    this.addressMode = recorded ? 'recorded' : 'modelled';
    this.fallbackArenas = createAddressModel().arenas;
    const arenas: ArenaAllocator = recorded
      ? {
          alloc: (size) => {
            if (this.queuedArenaHead < this.queuedArenas.length) {
              return this.queuedArenas[this.queuedArenaHead++]!;
            }
            this.arenaWanted = true;
            this.arenaPending = true;
            return this.verify ? 0 : this.fallbackArenas.alloc(size);
          },
          free: (address) => {
            const at = this.queuedReleases.indexOf(address);
            if (at >= 0) this.queuedReleases.splice(at, 1);
            else {
              this.unexpectedRelease = address;
              this.arenaPending = true;
            }
          },
        }
      : this.fallbackArenas;
    const raw: RawAllocator = {
      malloc: () => this.nextRaw[0]!,
      calloc: () => this.nextRaw[0]!,
      realloc: () => this.nextRaw[0]!,
      free: () => {},
    };
    this.runtime = createRuntime({
      profile: this.profile,
      arenaAllocator: arenas,
      rawAllocator: raw,
    });
    this.model = this.runtime.obmalloc;
  }

  /** The runtime's event bus: subscribe to every layer's events during the replay. */
  get events(): EventBus<RuntimeEvents> {
    return this.runtime.events;
  }

  /** Replays every remaining event (checking every remaining mark). */
  runToEnd(): void {
    this.runTo(this.trace.length);
  }

  /**
   * Replays events until `position === eventIndex` (marks at `eventIndex` are checked
   * too). Going backwards is not possible: start a new Replayer (or use checkpoints).
   */
  runTo(eventIndex: number): void {
    const end = Math.min(eventIndex, this.trace.length);
    const marks = this.trace.marks;
    while (this.position < end) {
      while (this.nextMark < marks.length && marks[this.nextMark]!.eventIndex === this.position) {
        this.checkMark(marks[this.nextMark++]!);
      }
      // Run straight to the next mark (or the end) without looking at marks.
      const nextMarkAt = this.nextMark < marks.length ? marks[this.nextMark]!.eventIndex : end;
      const stop = Math.min(end, Math.max(nextMarkAt, this.position + 1));
      while (this.position < stop) {
        while (this.position >= this.windowEnd) this.nextWindow();
        this.stepRange(this.position, Math.min(stop, this.windowEnd));
      }
    }
    while (this.nextMark < marks.length && marks[this.nextMark]!.eventIndex === this.position) {
      this.checkMark(marks[this.nextMark++]!);
    }
    this.counts.events = this.position;
  }

  /**
   * The live object-allocator blocks now (requires `trackBlocks`).
   * @throws Error when the replayer was created without `trackBlocks`.
   */
  *liveBlocks(): Generator<LiveBlock> {
    if (!this.tracking)
      throw new Error('liveBlocks() needs a Replayer created with trackBlocks: true');
    const blocks: LiveBlock[] = [];
    const { trace: t, liveBlockSites: sites, liveBlockSizes: sizes } = this;
    if (sites && sizes) {
      sites.forEach((address, site) => {
        const size = sizes.get(address);
        blocks.push({
          address,
          size: size >= 0 ? size : this.hugeBlockSizes.get(address)!,
          site: site - 1,
        });
      });
    } else if (!isStreamed(t)) {
      this.liveBlockEvents.forEach((address, i) => {
        blocks.push({
          address,
          size: t.op[i] === Op.realloc ? t.b[i]! : t.a[i]!,
          site: t.site[i]!,
        });
      });
    }
    yield* blocks;
  }

  /**
   * Everything needed to come back to the current position later (of a streamed
   * replay, which cannot go back, only the counts and the model's state are of use).
   */
  checkpoint(): ReplayCheckpoint {
    return {
      position: this.position,
      nextMark: this.nextMark,
      counts: { ...this.counts },
      state: this.model.checkpoint(),
      translation: new Map(this.translation),
      virtual: new Map(this.virtual),
      rawDomain: new Set(this.rawDomain),
      liveBlocks: this.liveBlockEvents.clone(),
    };
  }

  /**
   * Returns to a checkpoint taken from this replayer (forward or backward). A streamed
   * recording that can be read from the middle (`windowsFrom`) starts a new pass at
   * the window holding the checkpoint's event.
   * @throws Error for a streamed recording that replays forwards only.
   */
  restore(checkpoint: ReplayCheckpoint): void {
    if (this.windowsLeft) {
      const trace = this.trace as StreamedTrace;
      if (!trace.windowsFrom) throw new Error('a streamed replay cannot return to a checkpoint');
      this.windowsLeft = trace.windowsFrom(checkpoint.position);
      this.columns = EMPTY_COLUMNS;
      this.windowStart = checkpoint.position;
      this.windowEnd = checkpoint.position;
    }
    this.position = checkpoint.position;
    this.nextMark = checkpoint.nextMark;
    Object.assign(this.counts, checkpoint.counts);
    this.model.restore(checkpoint.state);
    copyInto(this.translation, checkpoint.translation);
    copyInto(this.virtual, checkpoint.virtual);
    this.rawDomain.clear();
    for (const block of checkpoint.rawDomain) this.rawDomain.add(block);
    this.liveBlockEvents.copyFrom(checkpoint.liveBlocks);
  }

  /** The model's `_debugmallocstats` pymalloc block now. */
  statsText(): string {
    return formatMallocStats(collectMallocStats(this.model));
  }

  /** Takes the next window of a streamed recording. */
  private nextWindow(): void {
    const next = this.windowsLeft?.next();
    if (!next || next.done) {
      throw new TraceFormatError(
        `the recording ends at event ${this.windowEnd}, before the ${this.trace.length} it announced`,
        0,
      );
    }
    this.columns = next.value.columns;
    this.windowStart = next.value.firstEvent;
    this.windowEnd = next.value.firstEvent + next.value.length;
  }

  /** The source line of event `i` (0 when it is no longer in the window). */
  private lineOf(i: number): number {
    return i >= this.windowStart && i < this.windowEnd
      ? this.columns.line[i - this.windowStart]!
      : 0;
  }

  /** Remembers a live block of a streamed replay (whose events do not stay). */
  private trackStreamed(address: number, size: number, site: number): void {
    this.liveBlockSites!.set(address, site + 1);
    if (this.hugeBlockSizes.size > 0) this.hugeBlockSizes.delete(address);
    if (size <= 0x7fffffff) this.liveBlockSizes!.set(address, size);
    else {
      this.liveBlockSizes!.take(address);
      this.hugeBlockSizes.set(address, size);
    }
  }

  private untrackStreamed(address: number): void {
    if (this.liveBlockSites!.take(address) < 0) return;
    if (this.liveBlockSizes!.take(address) < 0) this.hugeBlockSizes.delete(address);
  }

  /**
   * Steps events `from` … `to − 1` (all in the window). The common events — a malloc,
   * calloc or free of the object or mem domain while no block is tracked and no
   * pointer translated — go straight to the model here, as {@link step} would send
   * them; every other event goes through {@link step}.
   */
  private stepRange(from: number, to: number): void {
    const { op: ops, domain: domains, a: as, b: bs, line } = this.columns;
    const start = this.windowStart;
    const model = this.model;
    const plain = !this.tracking;
    const counts = this.counts;
    try {
      for (let i = from; i < to; i++) {
        this.position = i + 1;
        const j = i - start;
        const op = ops[j]!;
        if (
          plain &&
          op !== REALLOC &&
          op > ARENA_FREE &&
          domains[j] !== RAW &&
          this.translation.size === 0
        ) {
          if (op === FREE) model.free(as[j]!);
          else {
            const b = bs[j]!;
            this.nextRaw[0] = b;
            const result = op === MALLOC ? model.malloc(as[j]!) : model.calloc(as[j]!);
            if (result !== b) this.checkPointer(i, b, result);
            else counts.pointersChecked++;
          }
          if (this.arenaPending) this.checkArenas(i);
        } else this.step(i);
      }
    } catch (error) {
      if (error instanceof ObmallocError) {
        throw new TraceFormatError(
          `the recording's ${error.message}`,
          line[this.position - 1 - start]!,
        );
      }
      throw error;
    }
  }

  private step(i: number): void {
    const t = this.columns;
    const j = i - this.windowStart;
    const op = t.op[j]!;
    const a = t.a[j]!;
    if (op <= Op.arenaFree) {
      this.arenaEvent(i, op, a, t.b[j]!);
      return;
    }
    if (t.domain[j] === Domain.raw) {
      this.replayRawDomain(op, a, t.b[j]!, t.c[j]!);
      return;
    }
    const model = this.model;
    try {
      // Frees first: about half of every recording.
      if (op === Op.free) {
        if (this.tracking) {
          if (this.liveBlockSites) this.untrackStreamed(a);
          else this.liveBlockEvents.take(a);
        }
        if (this.translation.size === 0) model.free(a);
        else {
          model.free(this.translate(a));
          this.translation.delete(a);
        }
      } else if (op === Op.realloc) {
        this.reallocEvent(i, j, a);
      } else {
        const b = t.b[j]!;
        this.nextRaw[0] = b;
        const result = op === Op.malloc ? model.malloc(a) : model.calloc(a);
        if (result !== b) this.checkPointer(i, b, result);
        else this.counts.pointersChecked++;
        if (this.tracking && b !== 0) {
          if (this.liveBlockSites) this.trackStreamed(b, a, t.site[j]!);
          else this.liveBlockEvents.set(b, i);
        }
      }
    } catch (error) {
      if (error instanceof ObmallocError) {
        throw new TraceFormatError(`the recording's ${error.message}`, t.line[j]!);
      }
      throw error;
    }
    if (this.arenaPending) this.checkArenas(i);
  }

  /** An `r` event of the object or mem domain (see {@link step}). */
  private reallocEvent(i: number, j: number, a: number): void {
    const t = this.columns;
    const b = t.b[j]!;
    const recorded = t.c[j]!;
    this.nextRaw[0] = recorded;
    const old = this.translation.size === 0 ? a : this.translate(a);
    const result = this.model.realloc(old, b);
    if (result !== 0 && a !== recorded && this.translation.size !== 0) this.translation.delete(a);
    if (result === recorded || (a === recorded && result === old)) this.counts.pointersChecked++;
    else this.checkPointer(i, recorded, result);
    if (this.tracking && recorded !== 0) {
      if (this.liveBlockSites) {
        this.untrackStreamed(a);
        this.trackStreamed(recorded, b, t.site[j]!);
      } else {
        this.liveBlockEvents.take(a);
        this.liveBlockEvents.set(recorded, i);
      }
    }
  }

  /** An `A` or `F` event: queued for the model's next arena call, or a data-stack chunk. */
  private arenaEvent(i: number, op: number, a: number, b: number): void {
    this.arenaPending = true;
    if (op === Op.arenaAlloc) {
      if (a === this.model.constants.arenaSize) {
        this.queuedArenas.push(b);
        this.queuedArenaEvents.push(i);
      } else {
        this.virtual.set(b, a);
        this.counts.virtualAllocations++;
      }
    } else if (!this.virtual.delete(a)) this.queuedReleases.push(a);
  }

  private translate(recorded: number): number {
    return this.translation.get(recorded) ?? recorded;
  }

  private checkPointer(i: number, recorded: number, result: number): void {
    this.counts.pointersChecked++;
    if (recorded === result) return;
    this.diverge(i, 'a different pointer', hexAddress(recorded), hexAddress(result));
    if (recorded !== 0 && result !== 0) this.translation.set(recorded, result);
  }

  private checkArenas(i: number): void {
    this.arenaPending = false;
    if (
      !this.arenaWanted &&
      this.queuedArenas.length === 0 &&
      this.unexpectedRelease < 0 &&
      this.queuedReleases.length === 0
    ) {
      return;
    }
    if (this.arenaWanted) {
      this.arenaWanted = false;
      this.diverge(i, 'arena allocation', 'allocated no new arena', 'needed one');
    }
    if (this.queuedArenaHead < this.queuedArenas.length) {
      const address = this.queuedArenas[this.queuedArenaHead]!;
      const at = this.queuedArenaEvents[this.queuedArenaHead]!;
      this.clearQueuedArenas();
      this.diverge(
        at,
        'arena allocation',
        `allocated an arena at ${hexAddress(address)}`,
        'needed none',
      );
    } else if (this.queuedArenas.length > 0) this.clearQueuedArenas();
    if (this.unexpectedRelease >= 0) {
      const address = this.unexpectedRelease;
      this.unexpectedRelease = -1;
      this.diverge(i, 'arena release', 'kept the arena', `released ${hexAddress(address)}`);
    }
    if (this.queuedReleases.length > 0) {
      const address = this.queuedReleases[0]!;
      this.queuedReleases.length = 0;
      this.diverge(i, 'arena release', `released ${hexAddress(address)}`, 'kept it');
    }
  }

  private clearQueuedArenas(): void {
    this.queuedArenas.length = 0;
    this.queuedArenaEvents.length = 0;
    this.queuedArenaHead = 0;
  }

  private replayRawDomain(op: number, a: number, b: number, c: number): void {
    if (op === Op.malloc || op === Op.calloc) {
      if (b !== 0) this.rawDomain.add(b);
    } else if (op === Op.realloc) {
      if (c !== 0) {
        this.rawDomain.delete(a);
        this.rawDomain.add(c);
      }
    } else this.rawDomain.delete(a);
    this.counts.rawDomainBlocks = this.rawDomain.size;
  }

  private checkMark(mark: Mark): void {
    if (!this.verify || mark.stats === '') return;
    this.counts.marksChecked++;
    const expected = mark.stats.split('\n');
    const actual = this.statsText().split('\n');
    for (let k = 0; k < Math.max(expected.length, actual.length); k++) {
      if (expected[k] !== actual[k]) {
        throw new ReplayDivergence(
          `statistics at mark${mark.label ? ` "${mark.label}"` : ''}, line ${k + 1} of the block`,
          mark.eventIndex,
          mark.line,
          JSON.stringify(expected[k] ?? '<end>'),
          JSON.stringify(actual[k] ?? '<end>'),
        );
      }
    }
  }

  private diverge(i: number, what: string, expected: string, actual: string): void {
    this.counts.divergences++;
    if (this.verify) {
      throw new ReplayDivergence(what, i, this.lineOf(i), expected, actual);
    }
  }
}
