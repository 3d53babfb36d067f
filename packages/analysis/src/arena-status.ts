/**
 * Why an allocated arena is still held. pymalloc gives an arena back to the OS only
 * when every pool in it is empty, so one live block keeps a whole arena (1 MiB on
 * 3.10+, 256 KiB before):
 *
 *   free          no live block. 3.8 releases such an arena at once, so this is the
 *                 one 3.9+ keeps on purpose (the last of usable_arenas, against
 *                 allocate/free thrashing): nothing pins it and freeing cannot
 *                 release it, so it is neither pinned nor nearly empty.
 *   nearly-empty  live blocks use less than NEARLY_EMPTY of it: freeing those few
 *                 blocks would let pymalloc return it.
 *   pinned        used at least NEARLY_EMPTY: held for its live blocks.
 *
 * Definition chosen: the viewer's (a wholly free arena is not nearly empty). The
 * command line used to count a free arena as nearly empty and promised its bytes back
 * "by freeing its live blocks" — it has none, and CPython keeps it deliberately.
 */

/** Arenas whose live blocks use less than this fraction of ARENA_SIZE are nearly empty. */
export const NEARLY_EMPTY = 0.25;

/** How an allocated arena is held (see the module comment). */
export type ArenaStatus = 'free' | 'nearly-empty' | 'pinned';

/**
 * Classifies an allocated arena by its live blocks and the bytes they use (block
 * sizes), against `arenaSize` (ARENA_SIZE of the profile).
 */
export function arenaStatus(
  arena: { readonly blocks: number; readonly usedBytes: number },
  arenaSize: number,
): ArenaStatus {
  if (arena.blocks === 0) return 'free';
  return arena.usedBytes < NEARLY_EMPTY * arenaSize ? 'nearly-empty' : 'pinned';
}
