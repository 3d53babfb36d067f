/**
 * Opening a recording: from the file picker, a drop, or `?trace=` (once, at start).
 * The worker parses and samples it; the page makes a `ViewerSession` of the result,
 * then receives the block lifetimes the top-sites panel needs. A newer open cancels
 * an older one still loading; a failed open keeps the recording shown before.
 *
 *   open ─► loading (progress) ─► session ─► lifetimes (later)
 *                              └► error (one line)
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { type OpenHandle, openTrace } from '../load/open-trace.ts';
import { preloadName, preloadUrl } from '../load/preload-url.ts';
import type { LoadedMessage } from '../load/worker-protocol.ts';
import { errorLine, type TraceSource } from '../load/worker-protocol.ts';
import { ViewerSession } from '../model/session.ts';
import type { LoadingState } from '../open/OpenBar.tsx';
import { useLatest } from './use-latest.ts';
import { startTimings, type ViewerTimings } from './viewer-hook.ts';

/** The recording shown, and how to open another. */
export interface Recording {
  /** The open recording, or null before the first one. */
  readonly session: ViewerSession | null;
  /** Progress of a load under way, or null. */
  readonly loading: LoadingState | null;
  /** The one-line message of the last failed load, or null. */
  readonly error: string | null;
  /** freedAt per event (blockLifetimes, @pymem/analysis), once the worker has sent it; null before. */
  readonly freedAt: Int32Array | null;
  /** Timings of the current load (read by the paint tracking and the test hook). */
  readonly timings: { current: ViewerTimings };
  /** Opens a file the user picked or dropped. */
  readonly openFile: (file: File) => void;
  /** Hides the error line. */
  readonly dismissError: () => void;
}

/** The recording state; opens `preload` (`?trace=` or the page's meta) once, if given. */
export function useRecording(preload: string | null): Recording {
  const [session, setSession] = useState<ViewerSession | null>(null);
  const [loading, setLoading] = useState<LoadingState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [freedAt, setFreedAt] = useState<Int32Array | null>(null);
  const pending = useRef<OpenHandle | null>(null);
  const timings = useRef(startTimings(0));
  const shown = useLatest(session);

  const open = useCallback(
    (source: TraceSource, label: string) => {
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
          if (next.chunks) {
            // Read chunk by chunk: the last event's chunk first (the time bar prints it).
            next.prepare(next.length).then(
              () => {
                if (pending.current !== null) return;
                next.show(next.length);
                showSession(next, message);
              },
              (failure: Error) => {
                setLoading(null);
                setError(errorLine(message.name, failure));
              },
            );
            return;
          }
          showSession(next, message);
        },
        (failure: Error) => {
          if (pending.current !== handle) return;
          pending.current = null;
          setLoading(null);
          setError(failure.message);
        },
      );
      const showSession = (next: ViewerSession, message: LoadedMessage) => {
        const t = timings.current;
        t.loaded = performance.now();
        t.readMs = message.timings.readMs;
        t.replayMs = message.timings.replayMs;
        t.workerStart = message.timings.startedAt - performance.timeOrigin;
        t.workerPosted = message.timings.postedAt - performance.timeOrigin;
        setError(null);
        setLoading(null);
        setFreedAt(null);
        setSession(next);
        handle.lifetimes.then((lifetimes) => {
          if (shown.current === next) setFreedAt(lifetimes);
        });
      };
    },
    [shown],
  );

  const openFile = useCallback((file: File) => open({ kind: 'file', file }, file.name), [open]);
  const dismissError = useCallback(() => setError(null), []);

  useEffect(() => {
    if (!preload) return;
    const url = preloadUrl(preload, location.href);
    if (typeof url === 'string') setError(url);
    else open({ kind: 'url', url: url.href }, preloadName(url));
  }, [preload, open]);

  return { session, loading, error, freedAt, timings, openFile, dismissError };
}
