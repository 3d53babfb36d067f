/**
 * A recording-like trace of any length, made without an interpreter: a real
 * `Obmalloc` is driven by a seeded random program (growth, churn, then release, the
 * shape of a service's memory) and every call is written as the recorder would —
 * arena `A`/`F` events before the call that caused them, allocation sites, GC
 * collections and marks carrying the model's own statistics text. For tests and
 * benchmarks that need recordings of any length (millions of events in seconds).
 *
 * {@link writeSyntheticPmt} streams the same recording to a `.pmt` file a chunk at a
 * time, holding only the model, the live blocks and the notes: any number of events.
 */
import {
  collectMallocStats,
  createAddressModel,
  formatMallocStats,
  Obmalloc,
} from '@pymem/obmalloc';
import {
  Domain,
  notesInOrder,
  Op,
  PmtEncoder,
  type Trace,
  TraceBuilder,
  type TraceHeader,
} from '@pymem/tracing';

/** Options of {@link synthesizeTrace}. */
export interface SyntheticOptions {
  /** Events to write (about; the last call may add an arena event). */
  readonly events: number;
  /** Random seed. */
  readonly seed?: number;
  /** CPython version written in the header. */
  readonly python?: string;
  /** Distinct allocation sites (0: none). */
  readonly sites?: number;
  /**
   * At most this many live blocks: with as many, the program frees or reallocates
   * instead of allocating (absent or 0: no limit, the live set grows with the length).
   */
  readonly maxLive?: number;
}

/** Events per chunk of {@link writeSyntheticPmt} (a chunk may end an arena event or two later). */
const EVENTS_PER_CHUNK = 65_536;

/** A small, fast, seeded PRNG (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function header(options: SyntheticOptions): TraceHeader {
  return { formatVersion: 1, python: options.python ?? '3.12.1', metadata: {} };
}

/** Makes the trace. Phases: 40 % growth, 30 % churn, 30 % release. */
export function synthesizeTrace(options: SyntheticOptions): Trace {
  const builder = new TraceBuilder();
  synthesize(options, builder, () => {});
  return builder.finish(header(options));
}

/**
 * Streams the recording {@link synthesizeTrace} makes for the same options to `write`,
 * as the bytes of a `.pmt` file (header, chunks, index) in order, one chunk at a time.
 * @returns the number of events written
 */
export function writeSyntheticPmt(
  options: SyntheticOptions,
  write: (bytes: Uint8Array) => void,
): number {
  const builder = new TraceBuilder();
  const encoder = new PmtEncoder();
  const { python, metadata } = header(options);
  write(encoder.header({ ...metadata, python }));
  let windowStart = 0;
  let note = 0;
  const flush = (final: boolean) => {
    const notes = notesInOrder(builder.notes(header(options)));
    const { columns } = builder.window();
    const chunk = encoder.chunk(
      columns,
      windowStart,
      windowStart,
      builder.length,
      notes,
      note,
      final,
    );
    note = chunk.next;
    write(chunk.bytes);
    builder.startWindow();
    windowStart = builder.length;
  };
  synthesize(options, builder, () => {
    if (builder.length - windowStart >= EVENTS_PER_CHUNK) flush(false);
  });
  flush(true);
  write(encoder.index(builder.length));
  return builder.length;
}

/**
 * Runs the synthetic program, pushing its events and notes into `builder` and calling
 * `stepped` after each of its calls (with the events and notes of that call pushed).
 */
function synthesize(options: SyntheticOptions, builder: TraceBuilder, stepped: () => void): void {
  const rand = random(options.seed ?? 1);
  const addresses = createAddressModel();
  const model = new Obmalloc({
    profile: '3.12',
    arenaAllocator: {
      alloc: (size) => {
        const address = addresses.arenas.alloc(size);
        builder.push(Op.arenaAlloc, 0, size, address, 0, 0);
        return address;
      },
      free: (address, size) => {
        builder.push(Op.arenaFree, 0, address, size, 0, 0);
        addresses.arenas.free(address, size);
      },
    },
    rawAllocator: addresses.raw,
  });
  const siteCount = options.sites ?? 40;
  for (let f = 0; f < Math.min(siteCount, 8); f++) {
    builder.filenames.push({ ...builder.position(), id: f, filename: `app/module_${f}.py` });
  }
  for (let t = 0; t < siteCount; t++) {
    builder.tracebacks.push({
      ...builder.position(),
      id: t,
      totalFrames: 1,
      frames: [{ filename: t % 8, lineno: 10 + 7 * t }],
    });
  }
  const live: number[] = [];
  const maxLive = options.maxLive ?? 0;
  const mark = (label: string) => {
    builder.marks.push({
      ...builder.position(),
      label,
      stats: formatMallocStats(collectMallocStats(model)),
      tracemalloc: '',
      line: 0,
    });
  };
  const requestSize = () => {
    const r = rand();
    if (r < 0.3) return 16 + Math.floor(rand() * 96);
    return r < 0.8 ? 128 + Math.floor(rand() * 385) : 1 + Math.floor(rand() * 512);
  };
  const total = options.events;
  let phase = 0;
  while (builder.length < total) {
    const progress = builder.length / total;
    const nextPhase = progress < 0.4 ? 0 : progress < 0.7 ? 1 : 2;
    if (nextPhase !== phase) {
      mark(nextPhase === 1 ? 'peak' : 'churned');
      phase = nextPhase;
    }
    const allocate = phase === 0 ? 0.82 : phase === 1 ? 0.5 : 0.28;
    const site = siteCount > 0 ? Math.floor(rand() * siteCount) : -1;
    const wantsBlock = live.length === 0 || rand() < allocate;
    if (wantsBlock && (maxLive === 0 || live.length < maxLive)) {
      const size = requestSize();
      const address = model.malloc(size);
      builder.push(Op.malloc, Domain.obj, size, address, 0, 0, site);
      live.push(address);
    } else if (rand() < 0.05) {
      const at = Math.floor(rand() * live.length);
      const old = live[at]!;
      const size = requestSize();
      const moved = model.realloc(old, size);
      builder.push(Op.realloc, Domain.obj, old, size, moved, 0, site);
      live[at] = moved;
    } else {
      const at = Math.floor(rand() * live.length);
      const address = live[at]!;
      live[at] = live[live.length - 1]!;
      live.pop();
      model.free(address);
      builder.push(Op.free, Domain.obj, address, 0, 0, 0);
    }
    if (builder.length % 50_000 === 0) {
      builder.gcCollections.push({
        ...builder.position(),
        generation: builder.length % 200_000 === 0 ? 2 : 0,
        collected: Math.floor(rand() * 1000),
        uncollectable: 0,
        durationNs: 100_000,
      });
    }
    stepped();
  }
  mark('end');
}
