/**
 * The viewer page: opens a recording (picker, drop, or `?trace=`), keeps the current
 * event index, and lays out the time bar, charts, heap map and panels around it.
 *
 *   open ─► worker parses + samples ─► ViewerSession ─► first paint (interactive)
 *                                                   └─► warm-up slices (checkpoints)
 *   position ─► heap map paint (layout effect) + panels (memoised per position)
 *
 * Every consumer reads the model through `session.model(position)`, so the warm-up
 * and any seek can move the seeker in between without showing a wrong state.
 */
import type { JSX } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { HeapMap, type HeapMapHandle, type PoolRef } from '../heapmap/HeapMap.tsx';
import { Legend } from '../heapmap/Legend.tsx';
import { type OpenHandle, openTrace } from '../load/open-trace.ts';
import { preloadName, preloadUrl } from '../load/preload-url.ts';
import { errorLine, type TraceSource } from '../load/worker-protocol.ts';
import { ViewerSession } from '../model/session.ts';
import { type LoadingState, OpenBar } from '../open/OpenBar.tsx';
import { FragmentationPanel } from '../panels/FragmentationPanel.tsx';
import { PoolZoom } from '../panels/PoolZoom.tsx';
import { ProfilePanel } from '../panels/ProfilePanel.tsx';
import { SitesPanel } from '../panels/SitesPanel.tsx';
import { StatsPanel } from '../panels/StatsPanel.tsx';
import { Charts } from '../time/Charts.tsx';
import { nextPosition, playbackStep, previousPosition } from '../time/mark-navigation.ts';
import { TimeBar } from '../time/TimeBar.tsx';
import { keyAction } from './keyboard.ts';
import { startTimings, type ViewerHook } from './viewer-hook.ts';
import { Welcome } from './Welcome.tsx';

/** Props of {@link App}. */
export interface AppProps {
  /** `?trace=` of the page URL: a same-origin recording to open at once. */
  readonly preload: string | null;
}

/** Milliseconds of checkpoint warm-up per slice (the page stays responsive between). */
const WARM_SLICE_MS = 8;

/** The viewer page. */
export function App({ preload }: AppProps): JSX.Element {
  const [session, setSession] = useState<ViewerSession | null>(null);
  const [position, setPosition] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(30);
  const [loading, setLoading] = useState<LoadingState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<PoolRef | null>(null);
  const [dragging, setDragging] = useState(false);
  const [freedAt, setFreedAt] = useState<Int32Array | null>(null);
  const heapMap = useRef<HeapMapHandle | null>(null);
  const pending = useRef<OpenHandle | null>(null);
  const live = useRef({ session, position, playing, error, loading });
  live.current = { session, position, playing, error, loading };
  const timings = useRef(startTimings(0));
  const firstPaintDue = useRef(false);
  const paintWaiters = useRef<{ position: number; start: number; resolve: (ms: number) => void }[]>(
    [],
  );

  const seek = useCallback((eventIndex: number) => {
    const current = live.current.session;
    if (!current) return;
    setPosition(Math.max(0, Math.min(current.length, Math.round(eventIndex))));
  }, []);

  const warm = useCallback((target: ViewerSession) => {
    const slice = () => {
      if (live.current.session !== target) return;
      if (target.warm(WARM_SLICE_MS)) timings.current.warmed = performance.now();
      else setTimeout(slice, 0);
    };
    setTimeout(slice, 0);
  }, []);

  const onPaint = useCallback(
    (painted: number) => {
      if (firstPaintDue.current) {
        firstPaintDue.current = false;
        const now = performance.now();
        timings.current.firstPaint = now;
        timings.current.timeToInteractive = now - timings.current.openStart;
        const current = live.current.session;
        if (current) warm(current);
      }
      const now = performance.now();
      paintWaiters.current = paintWaiters.current.filter((waiter) => {
        if (waiter.position !== painted) return true;
        waiter.resolve(now - waiter.start);
        return false;
      });
    },
    [warm],
  );

  const open = useCallback((source: TraceSource, label: string) => {
    pending.current?.cancel();
    timings.current = startTimings(performance.now());
    setLoading({
      name: label,
      stage: source.kind === 'url' ? 'downloading' : 'reading',
      loaded: 0,
      total: null,
    });
    const handle = openTrace(source, (progress) =>
      setLoading({
        name: label,
        stage: progress.stage,
        loaded: progress.loaded,
        total: progress.total,
      }),
    );
    pending.current = handle;
    handle.done.then(
      (message) => {
        if (pending.current !== handle) return;
        pending.current = null;
        let next: ViewerSession;
        try {
          next = new ViewerSession(message);
        } catch (failure) {
          setLoading(null);
          setError(errorLine(message.name, failure));
          return;
        }
        timings.current.loaded = performance.now();
        timings.current.readMs = message.timings.readMs;
        timings.current.replayMs = message.timings.replayMs;
        const origin = performance.timeOrigin;
        timings.current.workerStart = message.timings.startedAt - origin;
        timings.current.workerPosted = message.timings.postedAt - origin;
        firstPaintDue.current = true;
        setPlaying(false);
        setSelected(null);
        setError(null);
        setLoading(null);
        setFreedAt(null);
        setSession(next);
        setPosition(next.length);
        handle.lifetimes.then((lifetimes) => {
          if (live.current.session === next) setFreedAt(lifetimes);
        });
      },
      (failure: Error) => {
        if (pending.current !== handle) return;
        pending.current = null;
        setLoading(null);
        setError(failure.message);
      },
    );
  }, []);

  const openFile = useCallback((file: File) => open({ kind: 'file', file }, file.name), [open]);

  // ?trace=<url>: preload once.
  useEffect(() => {
    if (!preload) return;
    const url = preloadUrl(preload, location.href);
    if (typeof url === 'string') setError(url);
    else open({ kind: 'url', url: url.href }, preloadName(url));
  }, [preload, open]);

  // Playback.
  useEffect(() => {
    if (!playing || !session) return;
    const step = playbackStep(session.length, speed);
    let frame = requestAnimationFrame(function advance() {
      const at = live.current.position;
      if (at >= session.length) {
        setPlaying(false);
        return;
      }
      setPosition(Math.min(session.length, at + step));
      frame = requestAnimationFrame(advance);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, session]);

  const playPause = useCallback(() => {
    const current = live.current.session;
    if (!current) return;
    if (!live.current.playing && live.current.position >= current.length) setPosition(0);
    setPlaying((was) => !was);
  }, []);

  // Keys.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const current = live.current.session;
      if (!current) return;
      const target = event.target as HTMLElement | null;
      const action = keyAction({
        key: event.key,
        shiftKey: event.shiftKey,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        targetTag: target?.tagName ?? '',
        targetType: (target as HTMLInputElement | null)?.type ?? '',
      });
      if (!action) return;
      event.preventDefault();
      const at = live.current.position;
      const marks = current.trace.marks.map((mark) => mark.eventIndex);
      switch (action) {
        case 'step-back':
          return seek(at - 1);
        case 'step-forward':
          return seek(at + 1);
        case 'previous-mark': {
          const to = previousPosition(marks, at);
          return to >= 0 ? seek(to) : undefined;
        }
        case 'next-mark': {
          const to = nextPosition(marks, at);
          return to >= 0 ? seek(to) : undefined;
        }
        default:
          return playPause();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [seek, playPause]);

  // Drag and drop anywhere on the page.
  useEffect(() => {
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const over = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (event.relatedTarget === null) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setDragging(false);
      const file = event.dataTransfer?.files[0];
      if (file) openFile(file);
    };
    window.addEventListener('dragenter', over);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', over);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [openFile]);

  // window.__pymemViewer for tests and the bench.
  useEffect(() => {
    const hook: ViewerHook = {
      get status() {
        return live.current.loading ? 'loading' : live.current.session ? 'ready' : 'empty';
      },
      get error() {
        return live.current.error;
      },
      get name() {
        return live.current.session?.name ?? null;
      },
      get length() {
        return live.current.session?.length ?? 0;
      },
      get position() {
        return live.current.position;
      },
      get timings() {
        return timings.current;
      },
      seekAndPaint: (eventIndex) => {
        const start = performance.now();
        heapMap.current?.paint(eventIndex);
        return performance.now() - start;
      },
      seek: (eventIndex) =>
        new Promise<number>((resolve) => {
          const current = live.current.session;
          if (!current) return resolve(0);
          const target = Math.max(0, Math.min(current.length, Math.round(eventIndex)));
          const start = performance.now();
          if (target === live.current.position) {
            heapMap.current?.paint(target);
            return resolve(performance.now() - start);
          }
          paintWaiters.current.push({ position: target, start, resolve });
          setPosition(target);
        }),
      pointOf: (arena, pool, offset) => heapMap.current?.pointOf(arena, pool, offset) ?? null,
    } as ViewerHook;
    window.__pymemViewer = hook;
  }, []);

  return (
    <div class="app">
      <OpenBar
        name={session?.name ?? null}
        loading={loading}
        error={error}
        onFile={openFile}
        onDismissError={() => setError(null)}
      />
      {session ? (
        <>
          <TimeBar
            trace={session.trace}
            position={position}
            playing={playing}
            speed={speed}
            onSeek={seek}
            onPlayPause={playPause}
            onSpeed={setSpeed}
          />
          <Charts
            timeline={session.timeline}
            marks={session.trace.marks}
            position={position}
            onSeek={seek}
          />
          <main class="workspace">
            <div class="workspace-left">
              <Legend />
              <HeapMap
                session={session}
                position={position}
                selected={selected}
                onSelect={setSelected}
                handle={heapMap}
                onPaint={onPaint}
              />
              {selected && (
                <PoolZoom
                  session={session}
                  position={position}
                  pool={selected}
                  onClose={() => setSelected(null)}
                />
              )}
            </div>
            <aside class="workspace-right">
              <StatsPanel session={session} position={position} />
              <FragmentationPanel session={session} position={position} />
              <SitesPanel
                session={session}
                freedAt={freedAt}
                position={position}
                playing={playing}
              />
              <ProfilePanel session={session} />
            </aside>
          </main>
        </>
      ) : (
        !loading && <Welcome />
      )}
      {dragging && (
        <div class="drop-overlay" data-testid="drop-overlay">
          Drop a recording to open it
        </div>
      )}
    </div>
  );
}
