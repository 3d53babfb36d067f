/**
 * Time controls: play/pause, step buttons, the scrubber over event indexes with
 * marks and GC collections as ticks, the mark list, and the events around the
 * current position.
 */
import type { TraceNotes } from '@pymem/tracing';
import type { JSX } from 'preact';
import { grouped } from '../panels/format.ts';
import { tickFraction } from './mark-navigation.ts';

/** Playback speeds: seconds to cross the whole recording. */
export const SPEEDS: readonly { readonly label: string; readonly seconds: number }[] = [
  { label: 'slow', seconds: 120 },
  { label: 'normal', seconds: 30 },
  { label: 'fast', seconds: 8 },
];

/** Props of {@link TimeBar}. */
export interface TimeBarProps {
  readonly trace: TraceNotes;
  /** Event `i` as its text line (the events either side of the position). */
  readonly eventText: (i: number) => string;
  readonly position: number;
  readonly playing: boolean;
  readonly speed: number;
  readonly onSeek: (eventIndex: number) => void;
  readonly onPlayPause: () => void;
  readonly onSpeed: (seconds: number) => void;
}

/** The time bar. */
export function TimeBar(props: TimeBarProps): JSX.Element {
  const { trace, eventText, position, playing, speed, onSeek, onPlayPause, onSpeed } = props;
  const length = trace.length;
  const last = position > 0 ? eventText(position - 1) : '(none yet)';
  const next = position < length ? eventText(position) : '(end of recording)';
  return (
    <section class="timebar" aria-label="Time">
      <div class="timebar-row">
        <button
          type="button"
          class="play"
          onClick={onPlayPause}
          data-testid="play"
          aria-label={playing ? 'Pause' : 'Play'}
        >
          {playing ? '❚❚' : '▶'}
        </button>
        <button type="button" onClick={() => onSeek(position - 1)} aria-label="Previous event">
          ◀
        </button>
        <button type="button" onClick={() => onSeek(position + 1)} aria-label="Next event">
          ▶︎
        </button>
        <select
          value={String(speed)}
          onChange={(event) => onSpeed(Number((event.currentTarget as HTMLSelectElement).value))}
          aria-label="Playback speed"
        >
          {SPEEDS.map((option) => (
            <option key={option.label} value={String(option.seconds)}>
              {option.label}
            </option>
          ))}
        </select>
        <span class="position" data-testid="position">
          event {grouped(position)} of {grouped(length)}
        </span>
        <span class="events">
          <span title="The last event replayed">last: {last}</span>
          <span title="The next event">next: {next}</span>
        </span>
      </div>
      <div class="scrubber">
        <input
          type="range"
          min={0}
          max={length}
          step={1}
          value={position}
          onInput={(event) => onSeek(Number((event.currentTarget as HTMLInputElement).value))}
          aria-label="Event index"
          data-testid="scrubber"
        />
        <div class="ticks" aria-hidden="true">
          {trace.gcCollections.map((gc) => (
            <span
              key={`gc-${gc.seq}`}
              class={`tick tick-gc tick-gen${gc.generation}`}
              style={{ left: `${100 * tickFraction(gc.eventIndex, length)}%` }}
              title={`GC generation ${gc.generation}: ${gc.collected} collected`}
            />
          ))}
          {trace.marks.map((mark) => (
            <span
              key={`mark-${mark.seq}`}
              class="tick tick-mark"
              style={{ left: `${100 * tickFraction(mark.eventIndex, length)}%` }}
              title={`mark ${mark.label || '(unnamed)'} at event ${grouped(mark.eventIndex)}`}
            />
          ))}
        </div>
      </div>
      {trace.marks.length > 0 && (
        <nav class="marks" aria-label="Marks">
          marks:
          {trace.marks.map((mark) => (
            <button
              type="button"
              key={`button-${mark.seq}`}
              class={mark.eventIndex === position ? 'mark current' : 'mark'}
              data-mark={mark.label}
              onClick={() => onSeek(mark.eventIndex)}
              title={`event ${grouped(mark.eventIndex)}`}
            >
              {mark.label || '(unnamed)'}
            </button>
          ))}
          <span class="hint">shift+←/→ jumps between marks</span>
        </nav>
      )}
    </section>
  );
}
