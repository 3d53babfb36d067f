/**
 * Every constant of the `.pmt` binary trace format (docs/formats/pmt.md), defined
 * once. The C recorder (packages/recorder/native/pymem_launcher.c) mirrors each one
 * as a `#define PMT_…` in its PMT-FORMAT block; format-mirror.test.ts beside this file
 * compares the two, compiles the C block's checksum and delta-class rule, and fails
 * when either side changes alone.
 *
 * Version 2 (written) — every region carries a CRC-32C (checksum.ts):
 *
 *   ┌─────────────────────┬───────────────┬─ … ─┬───────────────┬──────────────────────┐
 *   │ header              │ chunk 0       │     │ chunk n       │ index (footer)       │
 *   │ magic ver ptr flags │ CHK2 p events │     │               │ IDX2 k entries total │
 *   │ m metadata  crc     │ first pcrc    │     │               │ offset crc  trailer  │
 *   │                     │ hcrc payload  │     │               │                      │
 *   └─────────────────────┴───────────────┴─ … ─┴───────────────┴──────────────────────┘
 *     16 + m + 4 bytes      28 + p bytes                          8 + 16k + 16 + 4 + 8
 *
 * Version 1 (read only): the same without any checksum — a 16 + m byte header, 20-byte
 * `CHK1` chunk headers and an `IDX1` index without its checksum field.
 *
 * Invariants a reader relies on (both versions unless said):
 *   1. Integers are little-endian; the pointer size is 8.
 *   2. A chunk's payload decodes on its own: every delta base restarts at 0.
 *   3. chunk[j].firstEvent = chunk[j-1].firstEvent + chunk[j-1].events; the index,
 *      when present, lists exactly the chunks in file order and the total of events.
 *   4. v2: header checksum = crc32c(file[0, 16 + m)); chunk header checksum =
 *      crc32c(chunk[0, 24)) (so it covers the payload checksum too); payload checksum =
 *      crc32c(payload); index checksum = crc32c(index from its magic to before the
 *      checksum). Every byte of a v2 file is covered by a checksum or compared exactly
 *      (the magics, the trailer), so any changed byte is detected.
 */
import { Op } from '../trace.ts';

/** File magic: `\x89PMT\r\n\x1a\n`. */
export const FILE_MAGIC: Uint8Array = Uint8Array.of(0x89, 0x50, 0x4d, 0x54, 0x0d, 0x0a, 0x1a, 0x0a);
/** Format version that writers write (readers also read {@link FORMAT_VERSION_1}). */
export const FORMAT_VERSION = 2;
/** The first version: no checksums, `CHK1` chunks, `IDX1` index. Still readable. */
export const FORMAT_VERSION_1 = 1;
/** Pointer size in bytes, the only one supported (64-bit processes). */
export const POINTER_SIZE = 8;
/** Bytes of the file header before the metadata: magic, version, pointer size, flags, m. */
export const FILE_HEADER_BYTES = 16;
/** Bytes of a checksum field (a CRC-32C, u32). */
export const CHECKSUM_BYTES = 4;

/** Chunk magic of version 2, `CHK2` as a little-endian u32. */
export const CHUNK_MAGIC = 0x324b4843;
/** Chunk magic of version 1, `CHK1` as a little-endian u32. */
export const CHUNK_MAGIC_1 = 0x314b4843;
/**
 * Bytes of a v2 chunk header: magic, payload length, event count, first event (u64),
 * payload checksum, header checksum.
 */
export const CHUNK_HEADER_BYTES = 28;
/** Bytes of a v1 chunk header: magic, payload length, event count, first event (u64). */
export const CHUNK_HEADER_BYTES_1 = 20;
/** Offset of the payload checksum in a v2 chunk header. */
export const CHUNK_PAYLOAD_CHECKSUM_AT = 20;
/** Offset of the header checksum in a v2 chunk header (it covers the bytes before it). */
export const CHUNK_HEADER_CHECKSUM_AT = 24;
/** Writers cut a chunk after this many events. */
export const EVENTS_PER_CHUNK = 65_536;

/** Index magic of version 2, `IDX2` as a little-endian u32. */
export const INDEX_MAGIC = 0x32584449;
/** Index magic of version 1, `IDX1` as a little-endian u32. */
export const INDEX_MAGIC_1 = 0x31584449;
/** Bytes of one index entry: chunk file offset (u64), its first event (u64). */
export const INDEX_ENTRY_BYTES = 16;
/** Trailer `PMTEND\n\0`: the last 8 bytes of a cleanly closed file. */
export const TRAILER: Uint8Array = Uint8Array.of(0x50, 0x4d, 0x54, 0x45, 0x4e, 0x44, 0x0a, 0x00);

/** Record kinds (low 4 bits of a tag byte); events keep their {@link Op} codes. */
export const Kind: typeof Op & {
  readonly mark: 8;
  readonly comment: 9;
  readonly filename: 10;
  readonly traceback: 11;
  readonly gc: 12;
  readonly tracemalloc: 13;
  readonly extension: 15;
} = {
  ...Op,
  mark: 8,
  comment: 9,
  filename: 10,
  traceback: 11,
  gc: 12,
  tracemalloc: 13,
  extension: 15,
};

/** Mask of the kind in a tag byte. */
export const KIND_MASK = 0x0f;
/** Shift of the domain (bits 4–5) in the tag byte of an event record. */
export const DOMAIN_SHIFT = 4;
/** Tag bit: every address delta of the record is stored divided by {@link ADDRESS_ALIGNMENT}. */
export const ALIGNED_BIT = 0x40;
/** Tag bit: a varint traceback id follows the record. */
export const SITE_BIT = 0x80;
/** The alignment of the aligned bit: pymalloc blocks and arenas are 16-byte aligned. */
export const ADDRESS_ALIGNMENT = 16;

/**
 * Extension kinds: the kind id that follows the tag of a kind-15 record (v2). A reader
 * skips a kind it does not implement with one warning naming the kind; the payload's
 * length is always known, so skipping never loses the records after it.
 */
export const ExtensionKind = {
  /** Object model (`@pymem/objects`): object allocations and deallocations by type. */
  objects: 1,
  /** The cycle collector (`@pymem/gc`): the phases of each collection. */
  collector: 2,
  /** A heap snapshot: the process's objects at one point (heap-snapshot.ts). */
  heapSnapshot: 3,
} as const;
/**
 * Codes of the records inside an object-model extension payload (kind 1): the low 4
 * bits of each record's first byte ({@link MODEL_RECORD_BITS}). `type` defines a type
 * name's id (dense, file-wide, before first use); the others are `ObjectRecord`s.
 * Written by `@pymem/tracing` only (the C recorder records CPython, not the model).
 */
export const ObjectRecordCode = {
  type: 0,
  new: 1,
  reuse: 2,
  free: 3,
  park: 4,
  track: 5,
  untrack: 6,
  incref: 7,
  decref: 8,
} as const;

/**
 * Codes of the records inside a collector extension payload (kind 2): the first byte
 * of each record. A weakref callback's outcome is in its code.
 */
export const CollectorRecordCode = {
  scheduled: 0,
  start: 1,
  phase: 2,
  weakrefKept: 3,
  weakrefFreed: 4,
  stop: 5,
} as const;

/**
 * The first byte of an object record: the code in `codeMask`; `aligned` set when its
 * address delta is a multiple of {@link ADDRESS_ALIGNMENT} and stored divided by it.
 */
export const MODEL_RECORD_BITS: { readonly codeMask: 0x0f; readonly aligned: 0x10 } = {
  codeMask: 0x0f,
  aligned: 0x10,
};

/** The name of an extension kind for messages (`"kind 7"` for an unassigned id). */
export function extensionKindName(kind: number): string {
  for (const [name, id] of Object.entries(ExtensionKind))
    if (id === kind) return `kind ${kind} (${name})`;
  return `kind ${kind}`;
}

/**
 * Delta classes of malloc/calloc results: requests of 1 … {@link DELTA_CLASS_MAX_SIZE}
 * bytes fall in class `(size − 1) >> DELTA_CLASS_SHIFT` (pymalloc's 16-byte size
 * classes), every other size (0, large) in the last class.
 */
export const DELTA_CLASS_SHIFT = 4;
/** The largest request size with a class of its own (pymalloc's largest small request). */
export const DELTA_CLASS_MAX_SIZE = 512;
/** Number of delta classes: 32 small ones and one for everything else. */
export const DELTA_CLASS_COUNT = 33;

/** The delta base class of a malloc/calloc request of `size` bytes (0 … 32). */
export function requestClass(size: number): number {
  return size >= 1 && size <= DELTA_CLASS_MAX_SIZE
    ? (size - 1) >> DELTA_CLASS_SHIFT
    : DELTA_CLASS_COUNT - 1;
}
