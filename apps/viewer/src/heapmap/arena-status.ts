/**
 * How the heap map and its legend show an arena's status (`ArenaStatus` of
 * `@pymem/analysis`: free, nearly empty or pinned — defined there, once, for the
 * viewer and the command line).
 */
import type { ArenaStatus } from '@pymem/analysis';

/** Label and CSS colour of each status (row labels, legend). */
export const ARENA_STATUS_STYLE: Readonly<
  Record<ArenaStatus, { readonly label: string; readonly color: string }>
> = {
  free: { label: 'free (kept for reuse)', color: '#2e9e5b' },
  'nearly-empty': { label: 'nearly empty', color: '#e0a100' },
  pinned: { label: 'pinned', color: '#c0392b' },
};
