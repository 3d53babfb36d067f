/**
 * The thread's data stack (3.11+): where _PyInterpreterFrames of running calls live.
 * Memory comes in chunks from the arena allocator (`_PyObject_VirtualAlloc`, mmap on
 * POSIX) — outside pymalloc, so no object block and no pymalloc arena.
 *
 *   chunk ─► [previous][size][top][data: frame | frame | … | free ]   (3 words of header)
 *            ▲ root chunk: made when the thread started, never freed
 *
 *   push(size words):  size < limit − top ? the frame goes at top
 *                      : a new chunk of 16 KiB (doubled while < (size + 1000) words),
 *                        the frame at its data[0]
 *   pop():             the frame at data[0] of a non-root chunk frees that chunk and
 *                      resumes the previous chunk at its saved top; else top = frame
 *
 * A frame takes `co_framesize` words: the _PyInterpreterFrame specials (9 words on
 * 3.11–3.13, 10 on 3.14) plus nlocalsplus + stacksize. The interpreter's own frames
 * below the modelled ones are not modelled: how much of the root chunk is free is an
 * option (`rootFreeWords`), which a test calibrates from a recording.
 *
 * Invariants: chunk 0 is the root; every other chunk holds at least one frame;
 * frames are popped in the reverse order of their pushes.
 * Models _PyThreadState_PushFrame, push_chunk, allocate_chunk and
 * _PyThreadState_PopFrame (Python/pystate.c, 3.11–3.14), DATA_STACK_CHUNK_SIZE and
 * MINIMUM_OVERHEAD; measured on 3.11.7–3.13.0 (the `A 16384` / `F` arena calls of
 * `pymem record`).
 */
import type { PointerSize } from './layout.ts';

/** `DATA_STACK_CHUNK_SIZE`: bytes of a chunk unless a frame needs more. */
export const DATA_STACK_CHUNK_SIZE: number = 16 * 1024;
/** `MINIMUM_OVERHEAD`: words a new chunk must hold beyond the frame that needs it. */
const MINIMUM_OVERHEAD = 1000;
/** Header words of a chunk (`previous`, `size`, `top`). */
const CHUNK_HEADER_WORDS = 3;

/** A chunk allocation or release, as the arena allocator sees it. */
export interface ChunkCall {
  /** `alloc` (_PyObject_VirtualAlloc) or `free` (_PyObject_VirtualFree). */
  readonly call: 'alloc' | 'free';
  /** The chunk's size in bytes. */
  readonly nbytes: number;
}

interface Chunk {
  /** Bytes. */
  readonly size: number;
  /** Words of data in use (the saved `top` while a later chunk is current). */
  top: number;
}

/** One thread's data stack; see the module comment. */
export class DataStack {
  /** Receives every chunk allocation and release; null by default. */
  onChunk: ((call: ChunkCall) => void) | null = null;
  private readonly w: PointerSize;
  private readonly chunks: Chunk[];
  /** Per pushed frame: its chunk index and data offset (words). */
  private readonly frames: [chunk: number, offset: number][] = [];

  /** `rootFreeWords`: words free above the root chunk's top when the model starts. */
  constructor(pointerSize: PointerSize, rootFreeWords: number) {
    this.w = pointerSize;
    const capacity = this.capacityWords(DATA_STACK_CHUNK_SIZE);
    if (!Number.isInteger(rootFreeWords) || rootFreeWords < 0 || rootFreeWords > capacity)
      throw new RangeError(`rootFreeWords must be 0…${capacity}, got ${rootFreeWords}`);
    this.chunks = [{ size: DATA_STACK_CHUNK_SIZE, top: capacity - rootFreeWords }];
  }

  /** Chunks in use, the root included. */
  get chunkCount(): number {
    return this.chunks.length;
  }

  /** Pushes a frame of `size` words (a new chunk when it does not fit). */
  push(size: number): void {
    const current = this.chunks.length - 1;
    const chunk = this.chunks[current]!;
    if (size < this.capacityWords(chunk.size) - chunk.top) {
      this.frames.push([current, chunk.top]);
      chunk.top += size;
      return;
    }
    let bytes = DATA_STACK_CHUNK_SIZE;
    while (bytes < this.w * (size + MINIMUM_OVERHEAD)) bytes *= 2;
    this.chunks.push({ size: bytes, top: size });
    this.frames.push([current + 1, 0]);
    this.onChunk?.({ call: 'alloc', nbytes: bytes });
  }

  /** Pops the last pushed frame (freeing its chunk when it was the chunk's first). */
  pop(): void {
    const frame = this.frames.pop();
    if (frame === undefined) throw new RangeError('the data stack is empty');
    const [index, offset] = frame;
    if (offset === 0 && index > 0) {
      const chunk = this.chunks.pop()!;
      this.onChunk?.({ call: 'free', nbytes: chunk.size });
      return;
    }
    this.chunks[index]!.top = offset;
  }

  private capacityWords(bytes: number): number {
    return bytes / this.w - CHUNK_HEADER_WORDS;
  }
}
