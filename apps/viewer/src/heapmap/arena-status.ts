/**
 * Why an arena is still held: an arena goes back to the OS only when every pool in it
 * is empty, so a single live block pins a whole arena.
 *
 *   free          no live block: releasable now (3.9+ keeps one such arena, the last
 *                 of usable_arenas, against allocate/free thrashing)
 *   nearly-empty  live blocks use less than NEARLY_EMPTY of it: a few frees away
 *                 from being released
 *   pinned        well used
 */

/** Arenas whose live blocks use less than this fraction are called nearly empty. */
export const NEARLY_EMPTY = 0.25;

/** How an allocated arena is held (see the module comment). */
export type ArenaStatus = 'free' | 'nearly-empty' | 'pinned';

/** Classifies an allocated arena by its pools in use and bytes in live blocks. */
export function arenaStatus(poolsUsed: number, usedBytes: number, arenaSize: number): ArenaStatus {
  if (poolsUsed === 0) return 'free';
  return usedBytes < NEARLY_EMPTY * arenaSize ? 'nearly-empty' : 'pinned';
}

/** Label and CSS colour of each status (row labels, legend). */
export const ARENA_STATUS_STYLE: Readonly<
  Record<ArenaStatus, { readonly label: string; readonly color: string }>
> = {
  free: { label: 'releasable', color: '#2e9e5b' },
  'nearly-empty': { label: 'nearly empty', color: '#e0a100' },
  pinned: { label: 'pinned', color: '#c0392b' },
};
