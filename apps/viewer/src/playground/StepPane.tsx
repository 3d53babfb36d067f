/**
 * One step's frames and objects, Python-Tutor style but exact: each frame's names
 * point at objects; each object shows its type, `sys.getsizeof`, reference count, the
 * collector's view of it, whether it is immortal, cached or a code constant, and its
 * references by name. Clicking a name or a reference selects the object it points at.
 */
import type { ObjectView, StepView } from '@pymem/python';
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';

/** Props of {@link StepPane}. */
export interface StepPaneProps {
  readonly step: StepView;
  /** The selected object's address, or null. */
  readonly selected: number | null;
  readonly onSelect: (address: number) => void;
}

/** An address as `id()` shows it in hex: `0x7f…`. */
function hex(address: number): string {
  return `0x${address.toString(16)}`;
}

/** Object cards drawn at first (more on request): a step must draw in a frame or two. */
const FIRST_CARDS = 40;

/** What the collector column says about an object. */
export function gcText(o: ObjectView): string {
  if (typeof o.gc === 'number') return `gen ${o.gc}`;
  return o.gc;
}

/** The frames and objects of a step. */
export function StepPane({ step, selected, onSelect }: StepPaneProps): JSX.Element {
  const byAddress = useMemo(() => new Map(step.objects.map((o) => [o.address, o])), [step]);
  const selectedRow = useRef<HTMLElement | null>(null);
  const [cards, setCards] = useState(FIRST_CARDS);
  const shown = useMemo(() => {
    const first = step.objects.slice(0, cards);
    const chosen = selected === null ? undefined : byAddress.get(selected);
    if (chosen !== undefined && !first.includes(chosen)) first.push(chosen);
    return first;
  }, [step, cards, selected, byAddress]);
  useEffect(() => {
    selectedRow.current?.scrollIntoView({ block: 'nearest' });
  }, [selected, step]);

  const link = (address: number, label?: string) => {
    const target = byAddress.get(address);
    return (
      <button
        type="button"
        class={`ref${address === selected ? ' selected' : ''}`}
        data-address={address}
        onClick={() => onSelect(address)}
        title={target ? `${target.type} at ${hex(address)}` : hex(address)}
      >
        {label ?? (target ? target.text : hex(address))}
      </button>
    );
  };

  return (
    <div class="step-pane">
      <section class="frames" data-testid="frames">
        <h3>Frames</h3>
        {step.frames.map((frame, i) => (
          <div class="frame" key={`${i}-${frame.name}`} data-frame={frame.name}>
            <div class="frame-name">
              {frame.name}
              {i < step.frames.length - 1 ? <span class="muted"> line {frame.line}</span> : null}
            </div>
            <table>
              <tbody>
                {frame.names.map((n) => (
                  <tr key={n.label} data-name={n.label}>
                    <td class="name">{n.label}</td>
                    <td>{link(n.address)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      </section>
      <section class="objects-list" data-testid="step-objects">
        <h3>
          Objects{' '}
          <span class="muted">
            ({step.objects.length}
            {step.moreObjects > 0 ? ` shown, ${step.moreObjects} more` : ''})
          </span>
        </h3>
        {shown.map((o) => (
          <article
            key={o.address}
            class={`object-card${o.address === selected ? ' selected' : ''}`}
            data-address={o.address}
            data-testid="object-card"
            ref={
              o.address === selected
                ? (el) => {
                    selectedRow.current = el;
                  }
                : undefined
            }
          >
            <header>
              <span class="type">{o.type}</span> {link(o.address, hex(o.address))}
              <span class="facts">
                <span data-fact="size">{o.size === null ? '—' : `${o.size} B`}</span>
                <span data-fact="refcount">
                  refcnt {o.refcount === null ? (o.immortal ? 'immortal' : 'shared') : o.refcount}
                </span>
                <span data-fact="gc">{gcText(o)}</span>
                {o.cached ? <span class="tag">cached</span> : null}
                {o.constant ? <span class="tag">constant</span> : null}
                {o.immortal ? <span class="tag">immortal</span> : null}
              </span>
            </header>
            <div class="value">{o.text}</div>
            {o.edges.length > 0 ? (
              <ul class="edges">
                {o.edges.map((e, i) => (
                  <li key={`${i}-${e.label}`}>
                    <span class="edge-label">{e.label}</span> → {link(e.address)}
                  </li>
                ))}
                {o.moreEdges > 0 ? <li class="muted">… {o.moreEdges} more</li> : null}
              </ul>
            ) : null}
          </article>
        ))}
        {step.objects.length > shown.length ? (
          <button type="button" data-testid="more-objects" onClick={() => setCards((n) => n * 4)}>
            show {Math.min(cards * 3, step.objects.length - shown.length)} more of{' '}
            {step.objects.length - shown.length}
          </button>
        ) : null}
      </section>
    </div>
  );
}
