/**
 * The heap map's legend: block and pool paints (allocated and free blocks drawn as
 * their shade ramp over the 32 size classes) and the arena statuses of row labels.
 */

import type { ArenaStatus } from '@pymem/analysis';
import type { JSX } from 'preact';
import { ARENA_STATUS_STYLE } from './arena-status.ts';
import { cssColor, LEGEND, Paint, SHADES } from './colors.ts';

function ramp(paint: (typeof Paint)[keyof typeof Paint]): string {
  const stops = [0, 8, 16, 24, SHADES - 1].map((shade) => cssColor(paint, shade));
  return `linear-gradient(90deg, ${stops.join(', ')})`;
}

/** The legend. */
export function Legend(): JSX.Element {
  const shaded = new Set<number>([Paint.allocated, Paint.free, Paint.virgin]);
  return (
    <div class="legend">
      {LEGEND.map(({ paint, label }) => (
        <span class="legend-item" key={label}>
          <span
            class={shaded.has(paint) ? 'swatch swatch-wide' : 'swatch'}
            style={{ background: shaded.has(paint) ? ramp(paint) : cssColor(paint) }}
          />
          {label}
        </span>
      ))}
      <span class="legend-note">shade: size class 0 (light) → 31 (dark)</span>
      {(Object.keys(ARENA_STATUS_STYLE) as ArenaStatus[]).map((status) => (
        <span class="legend-item" key={status}>
          <span class="swatch" style={{ background: ARENA_STATUS_STYLE[status].color }} />
          arena {ARENA_STATUS_STYLE[status].label}
        </span>
      ))}
    </div>
  );
}
