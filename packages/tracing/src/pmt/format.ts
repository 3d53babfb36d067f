/**
 * Constants of the `.pmt` binary trace format, version 1 (docs/formats/pmt.md).
 */
import { Op } from '../trace.ts';

/** File magic: `\x89PMT\r\n\x1a\n`. */
export const FILE_MAGIC: Uint8Array = Uint8Array.of(0x89, 0x50, 0x4d, 0x54, 0x0d, 0x0a, 0x1a, 0x0a);
/** Chunk magic `CHK1` as a little-endian u32. */
export const CHUNK_MAGIC = 0x314b4843;
/** Index magic `IDX1` as a little-endian u32. */
export const INDEX_MAGIC = 0x31584449;
/** Trailer `PMTEND\n\0`. */
export const TRAILER: Uint8Array = Uint8Array.of(0x50, 0x4d, 0x54, 0x45, 0x4e, 0x44, 0x0a, 0x00);
/** Format version written and read. */
export const FORMAT_VERSION = 1;
/** Bytes of a chunk header: magic, payload length, event count, first event (u64). */
export const CHUNK_HEADER_BYTES = 20;
/** Writers cut a chunk after this many events. */
export const EVENTS_PER_CHUNK = 65_536;

/** Record kinds (low 4 bits of a tag byte); events keep their {@link Op} codes. */
export const Kind: typeof Op & {
  readonly mark: 8;
  readonly comment: 9;
  readonly filename: 10;
  readonly traceback: 11;
  readonly gc: 12;
  readonly tracemalloc: 13;
} = { ...Op, mark: 8, comment: 9, filename: 10, traceback: 11, gc: 12, tracemalloc: 13 };

/** Tag bit: every address delta of the record is stored divided by 16. */
export const ALIGNED_BIT = 0x40;
/** Tag bit: a varint traceback id follows the record. */
export const SITE_BIT = 0x80;
