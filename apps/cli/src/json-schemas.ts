/**
 * The shapes of every `--json` output, as zod schemas: the single source of truth
 * for docs/cli-json.md (generated from these) and for the tests that validate real
 * output against them. Objects are strict: an undocumented field fails the tests.
 */
import { z } from 'zod';

const profile = z.enum(['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14']);
const count = z.number().int().nonnegative();
const point = z.strictObject({
  eventIndex: count.describe('events replayed before the point'),
  mark: z.string().nullable().describe('the mark label when the point is a mark'),
});

/** `pymem versions --json` */
/** What a command that reads a recording found wrong but survivable (also on stderr). */
const warnings = z
  .array(z.string())
  .describe(
    'problems found reading the recording, also printed on stderr: a torn tail, chunks skipped by --salvage, a text trace without its end record',
  );

export const versionsSchema: z.ZodType = z.strictObject({
  profiles: z.array(
    z.strictObject({
      name: profile,
      referenceRelease: z.string().describe('the patch release fixtures were recorded from'),
      verification: z.enum(['recorded', 'source']),
      verifiedBy: z
        .enum(['live + fixtures', 'fixtures', 'source only'])
        .describe('on this machine'),
      layers: z
        .array(
          z.strictObject({
            layer: z.enum(['obmalloc', 'objects', 'gc']),
            against: z.array(z.enum(['recordings', 'live', 'source'])),
            interpreter: z
              .string()
              .nullable()
              .describe('the real interpreter the layer is compared with; null: source only'),
            checks: z.string().describe('what the comparison covers'),
          }),
        )
        .describe("what each model layer is verified against (the layers' tests)"),
      interpreters: z.array(
        z.strictObject({ path: z.string(), version: z.string(), source: z.string() }),
      ),
    }),
  ),
  unsupportedInterpreters: z.array(z.strictObject({ path: z.string(), version: z.string() })),
});

/** `pymem replay --json` */
export const replaySchema: z.ZodType = z.strictObject({
  file: z.string(),
  python: z.string(),
  profile,
  events: count,
  addresses: z.enum(['recorded', 'modelled']).describe('where arena addresses came from'),
  verified: z.boolean(),
  pointersChecked: count,
  marksChecked: count,
  divergences: count,
  arenasAllocatedCurrent: count,
  allocatedBlocks: count.describe('sys.getallocatedblocks() at the end'),
  stats: z.string().optional().describe('with --stats: the _debugmallocstats pymalloc block'),
  warnings,
});

const sizeClassStats = z.strictObject({
  index: count,
  size: count,
  pools: count,
  blocksInUse: count,
  availableBlocks: count,
});

/** `pymem stats --json` */
export const statsSchema: z.ZodType = z.strictObject({
  python: z.string(),
  profile,
  point,
  allocatedBlocks: count,
  warnings,
  stats: z.strictObject({
    smallRequestThreshold: count,
    numSizeClasses: count,
    sizeClasses: z.array(sizeClassStats),
    arenasAllocatedTotal: count,
    arenasReclaimed: count,
    arenasHighwater: count,
    arenasAllocatedCurrent: count,
    arenaSize: count,
    poolSize: count,
    bytesInAllocatedBlocks: count,
    bytesInAvailableBlocks: count,
    unusedPools: count,
    bytesLostToPoolHeaders: count,
    bytesLostToQuantization: count,
    bytesLostToArenaAlignment: count,
    total: count,
    arenaMap: z
      .strictObject({
        midNodes: count,
        botNodes: count,
        rootBytes: count,
        midBytes: count,
        botBytes: count,
        total: count,
      })
      .nullable()
      .describe('3.10+: the radix tree; null before'),
  }),
});

const fragmentationShape = {
  warnings,
  python: z.string(),
  profile,
  events: count,
  point,
  arenaSize: count,
  hasSites: z.boolean().describe('the recording has allocation sites (pymem record --sites N)'),
  peak: z.strictObject({ arenas: count, bytes: count, eventIndex: count }),
  now: z.strictObject({
    arenas: count,
    bytesInArenas: count,
    bytesInBlocks: count.describe('bytes of live blocks (block sizes)'),
    utilisation: z.number().min(0).max(1),
    freeArenas: count.describe('arenas with no live block (3.9+ keeps one for reuse)'),
    outsidePymalloc: z
      .strictObject({ blocks: count, bytes: count })
      .describe(
        'live blocks pymalloc declined (over 512 bytes): raw-allocator memory, in no arena',
      ),
  }),
  nearlyEmpty: z.strictObject({
    threshold: z.number(),
    arenas: count.describe('arenas with live blocks using less than the threshold'),
    liveBlocks: count.describe('live blocks in those arenas'),
    bytesReleasable: count.describe('bytes pymalloc could return if those blocks were freed'),
  }),
  arenas: z.array(
    z.strictObject({
      index: count,
      address: z.string().regex(/^0x[0-9a-f]+$/),
      status: z
        .enum(['free', 'nearly-empty', 'pinned'])
        .describe('no live block / live blocks use less than the threshold / more'),
      usedBytes: count,
      blocks: count,
      poolsUsed: count,
      poolsEmpty: count,
      poolsVirgin: count,
      pinnedBy: z.array(z.strictObject({ sizeClass: count, size: count, blocks: count })),
      sites: z.array(z.strictObject({ site: z.string(), blocks: count, bytes: count })),
    }),
  ),
  marks: z.array(
    z.strictObject({ label: z.string(), eventIndex: count, arenas: count, bytesInBlocks: count }),
  ),
  pinning: z
    .strictObject({
      snapshot: z.string().describe('the heap snapshot’s label'),
      snapshotEventIndex: count,
      exact: z
        .boolean()
        .describe('the snapshot was taken at the point (false: before it; later objects unknown)'),
      arenas: z
        .array(
          z.strictObject({
            arena: count,
            blocks: count.describe('live blocks of the arena at the point'),
            objects: count.describe('snapshot objects whose block is one of them'),
            rows: z
              .array(
                z.strictObject({
                  type: z.string().describe('module.qualname (builtins without the module)'),
                  site: z
                    .string()
                    .nullable()
                    .describe('file:line that allocated the blocks; null without sites'),
                  objects: count,
                  bytes: count.describe('sys.getsizeof total'),
                }),
              )
              .describe('largest bytes first'),
          }),
        )
        .describe('one per nearly empty arena'),
    })
    .nullable()
    .describe(
      'the objects pinning each nearly empty arena, from the last heap snapshot at or before the point; null without one',
    ),
};

/** `pymem fragmentation --json` */
export const fragmentationSchema: z.ZodType = z.strictObject(fragmentationShape);

/** `pymem report --json` (the fragmentation analysis at the end, plus where it came from) */
export const reportSchema: z.ZodType = z.strictObject({
  file: z.string(),
  program: z.string().nullable().describe('the recorded command line'),
  ...fragmentationShape,
});

/** `pymem timeline --json` */
export const timelineSchema: z.ZodType = z.strictObject({
  warnings,
  python: z.string(),
  profile,
  events: count,
  arenaSize: count,
  samples: z.array(
    z.strictObject({
      eventIndex: count,
      arenas: count,
      bytesInArenas: count,
      bytesInBlocks: count,
      utilisation: z.number().min(0).max(1),
      mark: z.string().nullable(),
      gcCollections: count.describe('GC collections since the previous sample'),
    }),
  ),
  gcCollections: z.array(
    z.strictObject({
      eventIndex: count,
      generation: count,
      collected: count,
      uncollectable: count,
      durationNs: count,
    }),
  ),
});

/** `pymem diff --json` */
export const diffSchema: z.ZodType = z.strictObject({
  warnings,
  python: z.string(),
  profile,
  from: point,
  to: point,
  arenas: z.strictObject({ from: count, to: count }),
  bytesInBlocks: z.strictObject({ from: count, to: count }),
  sizeClasses: z
    .array(
      z.strictObject({
        sizeClass: count,
        size: count,
        blocksFrom: count,
        blocksTo: count,
        bytesFrom: count,
        bytesTo: count,
      }),
    )
    .describe("sorted like tracemalloc's StatisticDiff: |size diff|, size, |count diff|, count"),
  sites: z
    .array(
      z.strictObject({
        site: z.string(),
        size: count,
        sizeDiff: z.number().int(),
        count,
        countDiff: z.number().int(),
      }),
    )
    .nullable()
    .describe('tracemalloc compare_to by --by key (request sizes); null without allocation sites'),
  snapshots: z
    .strictObject({ from: z.string(), to: z.string() })
    .nullable()
    .describe('the labels of the heap snapshots taken at both points; null unless both have one'),
  types: z
    .array(
      z.strictObject({
        type: z.string().describe('module.qualname (builtins without the module)'),
        count: count.describe('objects gc.get_objects() lists at --to'),
        delta: z.number().int().positive().describe('the rise since --from'),
      }),
    )
    .nullable()
    .describe(
      "objgraph's show_growth between the two heap snapshots (no collection first), largest rise first; null unless both points have a snapshot",
    ),
});

/** `pymem check --json` */
export const checkSchema: z.ZodType = z.strictObject({
  file: z.string(),
  format: z.enum(['pmt', 'text']),
  version: count.describe('the .pmt format version (1 or 2); 1 for text'),
  python: z.string(),
  ok: z.boolean().describe('no damaged region and every mark consistent (exit 0)'),
  events: count.describe('events readable (in complete, undamaged chunks)'),
  chunks: z.strictObject({ total: count, damaged: count }).nullable().describe('null for text'),
  checksums: z
    .strictObject({ verified: count, failed: count })
    .nullable()
    .describe('null for text and .pmt version 1, which have none'),
  index: z.enum(['intact', 'missing', 'torn', 'damaged']).nullable().describe('null for text'),
  tornTail: z
    .strictObject({ offset: count, bytes: count, completeEvents: count })
    .nullable()
    .describe('the torn last chunk of a recording killed mid-write'),
  damage: z.array(
    z.strictObject({
      region: z.enum(['header', 'chunk', 'index', 'trailer']),
      offset: count.describe('byte offset of the damaged region'),
      chunk: count.nullable().describe('ordinal of a damaged chunk in the file'),
      lostEvents: count.nullable().describe('events lost with it; null when nothing says'),
      message: z.string(),
    }),
  ),
  lostEvents: z.strictObject({
    known: count,
    unknown: z.boolean().describe('a loss whose size nothing in the file tells'),
  }),
  marks: z.strictObject({
    count,
    problems: z
      .array(z.strictObject({ label: z.string(), eventIndex: count, problem: z.string() }))
      .describe('marks whose statistics do not add up'),
  }),
  heapSnapshots: count.describe('heap-snapshot extension records (checksums checked only)'),
  gcCollections: count,
  sites: z.strictObject({ filenames: count, tracebacks: count }),
  modelRecords: z
    .strictObject({ objects: count, collector: count })
    .describe('object and collector records of a model run (o and g lines)'),
  extensions: z
    .array(z.strictObject({ kind: count, name: z.string(), records: count, bytes: count }))
    .describe('extension records skipped: this reader does not implement their kind'),
  warnings,
});

/** Every documented JSON output, by command. */
/** One frame of an allocation-stack tree (`StackNode` of @pymem/analysis). */
const stackNodeSchema: z.ZodType = z.strictObject({
  frame: z
    .string()
    .describe(
      'file:line; "all" at the root, "<unknown>" without a Python frame, "<truncated>" above the recorded frames',
    ),
  bytes: count.describe('requested bytes allocated here or below'),
  blocks: count.describe('blocks allocated here or below'),
  selfBytes: count.describe('requested bytes of the blocks whose most recent frame is this one'),
  selfBlocks: count,
  get children() {
    return z.array(stackNodeSchema).describe('callees, most bytes first');
  },
});

/** `pymem flamegraph --json` */
export const flamegraphSchema: z.ZodType = z.strictObject({
  file: z.string(),
  python: z.string(),
  events: count,
  selection: z
    .discriminatedUnion('mode', [
      z.strictObject({
        mode: z.literal('live'),
        eventIndex: count.describe('blocks live after this many events'),
        mark: z.string().nullable(),
        peak: z
          .strictObject({ eventIndex: count, bytes: count, blocks: count })
          .nullable()
          .describe('with --peak (the default): the first point of highest live requested bytes'),
      }),
      z.strictObject({
        mode: z.literal('allocated'),
        from: count.describe('allocations from this event index …'),
        to: count.describe('… up to, not including, this one'),
      }),
    ])
    .describe('which blocks the tree counts'),
  frames: count.describe('nodes in the tree, the root excluded'),
  root: stackNodeSchema,
  warnings,
});

/** `pymem gc --json` */
export const gcSchema: z.ZodType = z.strictObject({
  python: z.string().describe('the recorded CPython version'),
  profile: z.string().describe('the profile the collector ran as'),
  mark: z.string().describe('the heap snapshot’s label'),
  eventIndex: count.describe('events before the snapshot'),
  objects: count.describe('objects in the snapshot'),
  generation: z.number().int().min(0).max(2).describe('the generation collected'),
  unreachable: count.describe('what gc.collect(generation) returns: collected + uncollectable'),
  collected: count,
  uncollectable: count.describe('kept in gc.garbage (legacy tp_del finalizers)'),
  bytes: count.describe('sys.getsizeof total of the garbage'),
  weakrefCallbacks: count.describe('weakref callbacks the collection would call'),
  finalizers: z
    .array(z.strictObject({ type: z.string(), objects: count }))
    .describe('the tp_finalize (__del__) calls finalize_garbage would make, by type, most first'),
  callbacks: z
    .array(
      z.strictObject({
        referent: z.string().describe('type of the dying object the weakref points to'),
        callback: z.string().describe('type of the callback'),
        weakrefs: count,
      }),
    )
    .describe('the weakref callbacks that would run, most first'),
  arenasBefore: count.describe('pymalloc arenas allocated at the snapshot'),
  arenasFreed: count.describe(
    'arenas released once the freed objects’ blocks are returned (a lower bound: blocks they own separately are not in the snapshot)',
  ),
  blocksFreed: count.describe('pymalloc blocks of the freed objects'),
  groups: z
    .array(
      z.strictObject({
        composition: z.string().describe('types and counts of one cycle, e.g. "2 × __main__.Node"'),
        cycles: count,
        objects: count,
        bytes: count,
        finalizers: count.describe('objects whose __del__ would run'),
      }),
    )
    .describe('the garbage in connected groups, by composition, largest first'),
  warnings,
});

/** `pymem objects --json` */
export const objectsSchema: z.ZodType = z.strictObject({
  python: z.string().describe('the recorded CPython version'),
  profile: z.string().describe('the profile the allocator was replayed as'),
  mark: z.string().describe('the heap snapshot’s label'),
  eventIndex: count.describe('events replayed before the snapshot'),
  objects: count.describe('objects in the snapshot'),
  bytes: count.describe('their sys.getsizeof total'),
  linked: count.describe('objects inside an allocated pymalloc block of the replayed allocator'),
  unlinked: count.describe(
    'objects inside a pymalloc arena where the replayed allocator has no allocated block',
  ),
  outside: count.describe('objects outside pymalloc’s arenas (static, or from malloc)'),
  blocks: count.describe('distinct pymalloc blocks the linked objects occupy'),
  types: z
    .array(
      z.strictObject({
        type: z.string().describe('module.qualname (builtins without the module)'),
        objects: count,
        bytes: count,
        linked: count,
      }),
    )
    .describe('by type, largest bytes first'),
  unlinkedAddresses: z.array(z.string()).describe('up to 10 unlinked objects, hex addresses'),
  arenas: z
    .array(
      z.strictObject({
        arena: count.describe('the arena’s index in the arena tables'),
        address: z.string().describe('the arena’s base, hex'),
        blocks: count.describe('live blocks of the arena'),
        objects: count.describe('snapshot objects in those blocks'),
        bytes: count.describe('their sys.getsizeof total'),
      }),
    )
    .nullable()
    .describe('with --by arena: every allocated arena, in arena order; else null'),
  arena: z
    .strictObject({
      arena: count.describe('the arena’s index in the arena tables'),
      address: z.string().describe('the arena’s base, hex'),
      blocks: count.describe('live blocks of the arena'),
      objects: z

        .array(
          z.strictObject({
            address: z.string().describe('hex'),
            type: z.string().describe('module.qualname (builtins without the module)'),
            size: z.number().int().min(-1).describe('sys.getsizeof, −1 when unknown'),
            block: z.string().describe('the pymalloc block holding it, hex'),
          }),
        )
        .describe('the objects living in the arena, in address order'),
      bytes: count.describe('their sys.getsizeof total'),
    })
    .nullable()
    .describe('with --arena N: that arena and its objects; else null'),
  warnings,
});

/** `pymem why --json` */
export const whySchema: z.ZodType = z.strictObject({
  python: z.string().describe('the recorded CPython version'),
  mark: z.string().describe('the heap snapshot’s label'),
  chains: z
    .array(
      z.strictObject({
        root: z
          .enum(['module', 'external', 'none'])
          .describe(
            'a module; an object referenced from outside the snapshot; none (cyclic garbage)',
          ),
        text: z.string().describe('the chain in one line'),
        path: z
          .array(
            z.strictObject({
              address: z.string().describe('hex'),
              type: z.string().describe('module.qualname (builtins without the module)'),
              edge: z
                .string()
                .describe(
                  "the edge to the next step: [3], ['key'], .__dict__, .__closure__, .cell_contents, or '' (unnamed)",
                ),
            }),
          )
          .describe('from the root to the object'),
      }),
    )
    .describe('one chain per object explained'),
  warnings,
});

export const JSON_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  versions: versionsSchema,
  replay: replaySchema,
  report: reportSchema,
  stats: statsSchema,
  fragmentation: fragmentationSchema,
  gc: gcSchema,
  objects: objectsSchema,
  why: whySchema,
  timeline: timelineSchema,
  diff: diffSchema,
  check: checkSchema,
  flamegraph: flamegraphSchema,
};

/** docs/cli-json.md, generated from {@link JSON_SCHEMAS}. */
export function cliJsonDocs(): string {
  const parts = [
    '# `--json` output of every pymem command',
    '',
    'Generated from `apps/cli/src/json-schemas.ts` (a test fails when this file is stale;',
    'regenerate with `pnpm --filter @pymem/cli docs`). Every command prints one JSON',
    'object on standard output; numbers are plain JSON numbers (addresses are hex strings).',
    '',
  ];
  for (const [command, schema] of Object.entries(JSON_SCHEMAS)) {
    parts.push(
      `## \`pymem ${command} --json\``,
      '',
      '```json',
      JSON.stringify(z.toJSONSchema(schema), null, 2),
      '```',
      '',
    );
  }
  return parts.join('\n');
}
