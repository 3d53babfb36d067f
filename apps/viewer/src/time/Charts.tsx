/**
 * The timeline charts (uPlot): arenas allocated, bytes in blocks and utilisation over
 * the recording, from the samples of the loading pass. A line marks the current
 * event and dashed lines the marks; clicking a chart seeks there.
 */
import type { Mark } from '@pymem/tracing';
import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { TimelineColumns } from '../model/timeline.ts';
import { bytes } from '../panels/format.ts';

/** Props of {@link Charts}. */
export interface ChartsProps {
  readonly timeline: TimelineColumns;
  readonly marks: readonly Mark[];
  readonly position: number;
  readonly onSeek: (eventIndex: number) => void;
}

interface ChartSpec {
  readonly label: string;
  readonly column: 'arenas' | 'bytesInBlocks' | 'utilisation';
  readonly color: string;
  readonly value: (v: number) => string;
}

const SPECS: readonly ChartSpec[] = [
  { label: 'arenas allocated', column: 'arenas', color: '#c0392b', value: (v) => String(v) },
  { label: 'bytes in blocks', column: 'bytesInBlocks', color: '#2563eb', value: bytes },
  {
    label: 'utilisation',
    column: 'utilisation',
    color: '#2e9e5b',
    value: (v) => `${v.toFixed(0)}%`,
  },
];

/** The three timeline charts. */
export function Charts({ timeline, marks, position, onSeek }: ChartsProps): JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  const plots = useRef<uPlot[]>([]);
  const current = useRef(position);
  const seek = useRef(onSeek);
  current.current = position;
  seek.current = onSeek;

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    let measured = element.clientWidth;
    const width = () => Math.max(240, Math.floor(measured / SPECS.length) - 12);
    const cursorLine = {
      hooks: {
        draw: (u: uPlot) => {
          const context = u.ctx;
          const top = u.bbox.top;
          const height = u.bbox.height;
          context.save();
          context.setLineDash([3, 3]);
          context.strokeStyle = '#9aa5b1';
          for (const mark of marks) {
            const x = Math.round(u.valToPos(mark.eventIndex, 'x', true));
            context.beginPath();
            context.moveTo(x, top);
            context.lineTo(x, top + height);
            context.stroke();
          }
          context.setLineDash([]);
          context.strokeStyle = '#111827';
          context.lineWidth = 2;
          const x = Math.round(u.valToPos(current.current, 'x', true));
          context.beginPath();
          context.moveTo(x, top);
          context.lineTo(x, top + height);
          context.stroke();
          context.restore();
        },
      },
    };
    plots.current = SPECS.map((spec) => {
      const holder = document.createElement('div');
      holder.className = 'chart';
      const title = document.createElement('div');
      title.className = 'chart-title';
      title.textContent = spec.label;
      holder.append(title);
      element.append(holder);
      const plot = new uPlot(
        {
          width: width(),
          height: 110,
          legend: { show: false },
          cursor: { drag: { x: false, y: false }, points: { show: false } },
          scales: { x: { time: false } },
          axes: [
            { size: 24, font: '10px system-ui', values: (_u, ticks) => ticks.map(shortCount) },
            {
              size: 66,
              font: '10px system-ui',
              values: (_u, ticks) => ticks.map((tick) => spec.value(tick)),
            },
          ],
          series: [
            {},
            {
              label: spec.label,
              stroke: spec.color,
              width: 1.5,
              fill: `${spec.color}22`,
              ...(spec.column === 'arenas' ? { paths: uPlot.paths.stepped?.({ align: 1 }) } : {}),
            },
          ],
          plugins: [cursorLine],
        },
        [timeline.x, timeline[spec.column]],
        holder,
      );
      plot.over.addEventListener('click', (event) => {
        const left = event.clientX - plot.over.getBoundingClientRect().left;
        const value = plot.posToVal(left, 'x');
        seek.current(Math.round(Math.max(0, value)));
      });
      return plot;
    });
    const observer = new ResizeObserver((entries) => {
      const next = Math.floor(entries[0]?.contentRect.width ?? measured);
      if (next === measured) return;
      measured = next;
      for (const plot of plots.current) plot.setSize({ width: width(), height: 110 });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      for (const plot of plots.current) plot.destroy();
      plots.current = [];
      element.replaceChildren();
    };
  }, [timeline, marks]);

  useEffect(() => {
    for (const plot of plots.current) plot.redraw(false, false);
  }, [position]);

  return <div class="charts" ref={box} />;
}

/** 1234567 → "1.2M", for the event axis. */
export function shortCount(value: number): string {
  if (Math.abs(value) >= 1e6) return `${+(value / 1e6).toFixed(1)}M`;
  if (Math.abs(value) >= 1e3) return `${+(value / 1e3).toFixed(1)}k`;
  return String(value);
}
