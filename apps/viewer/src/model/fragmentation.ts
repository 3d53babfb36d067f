/**
 * The fragmentation panel's data at one event: `fragmentationAt` of `@pymem/analysis`
 * (the definitions `pymem fragmentation` prints: per-arena rows, nearly empty =
 * live blocks using less than 25 %, a wholly free arena counted apart) and the
 * emptiest nearly-empty arenas the panel lists.
 */
import {
  type ArenaFragmentation,
  type ArenaRow,
  fragmentationAt,
  nearlyEmptyArenas,
} from '@pymem/analysis';
import type { ViewerSession } from './session.ts';

/** Nearly-empty arenas the panel lists, emptiest first. */
export const WORST_SHOWN = 8;

/** What the fragmentation panel shows. */
export interface FragmentationPanelData extends ArenaFragmentation {
  /** The emptiest nearly-empty arenas (at most {@link WORST_SHOWN}). */
  readonly worst: readonly ArenaRow[];
}

/** The panel's data after `position` events of the session's recording. */
export function fragmentationPanelData(
  session: ViewerSession,
  position: number,
): FragmentationPanelData {
  const fragmentation = fragmentationAt(session.model(position));
  return {
    ...fragmentation,
    worst: nearlyEmptyArenas(fragmentation).slice(0, WORST_SHOWN),
  };
}
