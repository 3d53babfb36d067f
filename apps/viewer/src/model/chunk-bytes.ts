/**
 * The bytes of a `.pmt` recording the page reads chunk by chunk: the file stays a
 * Blob (a picked file stays on disk; a fetched one sits in the browser's blob store,
 * outside the page's heap) and only the chunks a seek needs are read into memory,
 * kept in a least-recently-used cache of at most {@link CHUNK_CACHE_BYTES} bytes.
 *
 *   load(from, to) ──async──► chunks holding events from … to in the cache
 *   read(offset, n) ──sync───► bytes of a cached chunk (what reopenPmt's passes read)
 *
 * Invariants: a chunk spans its byte offset to the next chunk's (the last one to the
 * end of the file, its index included); the chunks of the range last loaded and of
 * the pinned ranges are never evicted, so a pass over any of them never misses.
 */
import { chunkHolding, type PmtByteSource, type PmtChunkEntry } from '@pymem/tracing';

/** Bytes of chunks the cache keeps beyond those in use (about). */
export const CHUNK_CACHE_BYTES: number = 32 * 2 ** 20;

/** Thrown by {@link ChunkBytes.read} for a byte no loaded chunk holds (a bug: load first). */
export class ChunkNotLoaded extends Error {}

/** A `.pmt` Blob read chunk by chunk (see the module comment). */
export class ChunkBytes implements PmtByteSource {
  readonly size: number;
  private readonly blob: Blob;
  private readonly chunks: readonly PmtChunkEntry[];
  /** Chunk number → its bytes, least recently used first. */
  private readonly cache = new Map<number, Uint8Array>();
  private cachedBytes = 0;
  /** Chunk ranges never evicted: the one shown, the one about to be, the one loading. */
  private readonly kept = new Map<'shown' | 'pending' | 'loading', readonly [number, number]>();

  constructor(blob: Blob, chunks: readonly PmtChunkEntry[]) {
    this.blob = blob;
    this.size = blob.size;
    this.chunks = chunks;
  }

  /** Bytes held in memory now. */
  get heldBytes(): number {
    return this.cachedBytes;
  }

  /** The number of the chunk holding event `eventIndex` (the last one past the end). */
  chunkOf(eventIndex: number): number {
    return chunkHolding(this.chunks, eventIndex);
  }

  /** True when every chunk holding events `from` … `to` is in memory. */
  has(from: number, to: number): boolean {
    for (let k = this.chunkOf(from); k <= this.chunkOf(to); k++)
      if (k < this.chunks.length && !this.cache.has(k)) return false;
    return true;
  }

  /** Reads the chunks holding events `from` … `to` into memory (keeping them until the next load). */
  async load(from: number, to: number): Promise<void> {
    const first = this.chunkOf(from);
    const last = this.chunkOf(to);
    this.kept.set('loading', [first, last]);
    for (let k = first; k <= last && k < this.chunks.length; k++) {
      const held = this.cache.get(k);
      if (held) {
        this.cache.delete(k);
        this.cache.set(k, held);
        continue;
      }
      const start = this.chunks[k]!.offset;
      const end = this.chunks[k + 1]?.offset ?? this.size;
      const bytes = new Uint8Array(await this.blob.slice(start, end).arrayBuffer());
      if (!this.cache.has(k)) {
        this.cache.set(k, bytes);
        this.cachedBytes += bytes.length;
      }
    }
    this.evict();
  }

  /**
   * Keeps the chunks holding events `from` … `to` in memory until the next pin of the
   * same `slot`: what is `shown`, or `pending` (read for a position about to be shown).
   */
  pin(slot: 'shown' | 'pending', from: number, to: number): void {
    this.kept.set(slot, [this.chunkOf(from), this.chunkOf(to)]);
  }

  read(offset: number, length: number): Uint8Array {
    const k = this.chunkAt(offset);
    const bytes = this.cache.get(k);
    if (!bytes) throw new ChunkNotLoaded(`the chunk at byte ${offset} is not loaded`);
    const at = offset - this.chunks[k]!.offset;
    return bytes.subarray(at, at + length);
  }

  /** The number of the chunk whose bytes hold `offset`. */
  private chunkAt(offset: number): number {
    const chunks = this.chunks;
    let low = 0;
    let high = chunks.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (chunks[middle]!.offset <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  private evict(): void {
    const ranges = [...this.kept.values()];
    const kept = (k: number) => ranges.some(([first, last]) => k >= first && k <= last);
    for (const [k, bytes] of this.cache) {
      if (this.cachedBytes <= CHUNK_CACHE_BYTES) break;
      if (kept(k)) continue;
      this.cache.delete(k);
      this.cachedBytes -= bytes.length;
    }
  }
}
