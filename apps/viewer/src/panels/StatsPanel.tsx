/**
 * CPython's statistics at the current event: the model's `_debugmallocstats` pymalloc
 * block and, at a mark, CPython's own text captured there with a "matches CPython"
 * indicator.
 */
import { collectMallocStats, formatMallocStats } from '@pymem/obmalloc';
import type { Mark } from '@pymem/tracing';
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import type { ViewerSession } from '../model/session.ts';
import { compareStats } from './stats-comparison.ts';

/** Props of {@link StatsPanel}. */
export interface StatsPanelProps {
  readonly session: ViewerSession;
  readonly position: number;
}

/** The marks with CPython statistics at `position`. */
export function marksAt(marks: readonly Mark[], position: number): Mark[] {
  return marks.filter((mark) => mark.eventIndex === position && mark.stats !== '');
}

/** The statistics panel. */
export function StatsPanel({ session, position }: StatsPanelProps): JSX.Element {
  const text = useMemo(
    () => formatMallocStats(collectMallocStats(session.model(position))),
    [session, position],
  );
  const mark = marksAt(session.trace.marks, position)[0];
  const comparison = mark ? compareStats(mark.stats, text) : null;
  return (
    <section class="panel stats" aria-label="CPython statistics">
      <header>
        <h2>sys._debugmallocstats()</h2>
        {comparison && (
          <span
            class={comparison.matches ? 'badge badge-ok' : 'badge badge-bad'}
            data-testid="stats-match"
          >
            {comparison.matches
              ? `✓ matches CPython at mark "${mark!.label}"`
              : `✗ differs from CPython at line ${comparison.line}`}
          </span>
        )}
      </header>
      <div class={mark ? 'stats-pair' : 'stats-single'}>
        <figure>
          <figcaption>model, after {position.toLocaleString('en-US')} events</figcaption>
          <pre data-testid="stats-model">{text}</pre>
        </figure>
        {mark && (
          <details open={!comparison?.matches}>
            <summary>CPython's own text, captured at mark "{mark.label}"</summary>
            <pre data-testid="stats-cpython">{mark.stats}</pre>
          </details>
        )}
      </div>
      {comparison && !comparison.matches && (
        <p class="hint">
          line {comparison.line}: CPython "{comparison.expected}", model "{comparison.actual}"
        </p>
      )}
      {!mark && session.trace.marks.some((m) => m.stats !== '') && (
        <p class="hint">At a mark, CPython's own text is shown beside the model's.</p>
      )}
    </section>
  );
}
