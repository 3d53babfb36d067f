/**
 * The viewer page: opens a recording (picker, drop, or `?trace=`), keeps the current
 * event index, and lays out the time bar, charts, heap map and panels around it.
 *
 *   open ─► worker parses + samples ─► ViewerSession ─► first paint (interactive)
 *                                                   └─► warm-up slices (checkpoints)
 *   position ─► heap map paint (layout effect) + panels (memoised per position)
 *
 * Each concern is a hook (use-*.ts): the recording, the position, the selected pool,
 * the heap snapshot and its selected object, playback, the paints, the keys, drag and
 * drop, and the test hook. Every consumer reads the model through
 * `session.model(position)`, so the warm-up and any seek can move the seeker in
 * between without showing a wrong state.
 */
import type { JSX } from 'preact';
import { useRef } from 'preact/hooks';
import { HeapMap, type HeapMapHandle } from '../heapmap/HeapMap.tsx';
import { Legend } from '../heapmap/Legend.tsx';
import { OpenBar } from '../open/OpenBar.tsx';
import { FlameGraphPanel } from '../panels/FlameGraphPanel.tsx';
import { FragmentationPanel } from '../panels/FragmentationPanel.tsx';
import { ObjectsPanel } from '../panels/ObjectsPanel.tsx';
import { PoolZoom } from '../panels/PoolZoom.tsx';
import { ProfilePanel } from '../panels/ProfilePanel.tsx';
import { SitesPanel } from '../panels/SitesPanel.tsx';
import { StatsPanel } from '../panels/StatsPanel.tsx';
import { Charts } from '../time/Charts.tsx';
import { TimeBar } from '../time/TimeBar.tsx';
import { useFileDrop } from './use-file-drop.ts';
import { useKeyboard } from './use-keyboard.ts';
import { usePaintTracking } from './use-paint-tracking.ts';
import { usePlayback } from './use-playback.ts';
import { usePosition } from './use-position.ts';
import { useRecording } from './use-recording.ts';
import { useSelection } from './use-selection.ts';
import { useSnapshot } from './use-snapshot.ts';
import { useViewerHook } from './use-viewer-hook.ts';
import { Welcome } from './Welcome.tsx';

/** Props of {@link App}. */
export interface AppProps {
  /** The recording to open at once: `?trace=` or the served page's meta (preload-url.ts). */
  readonly preload: string | null;
}

/** The viewer page. */
export function App({ preload }: AppProps): JSX.Element {
  const recording = useRecording(preload);
  const { session, loading, error } = recording;
  const cursor = usePosition(session);
  const { position, seek } = cursor;
  const [selected, setSelected] = useSelection(session);
  const snapshot = useSnapshot(session, position, setSelected);
  const { block } = snapshot;
  const playback = usePlayback(session, cursor);
  const paints = usePaintTracking(session, recording.timings);
  const heapMap = useRef<HeapMapHandle | null>(null);
  useKeyboard(session, position, seek, playback.playPause);
  const dragging = useFileDrop(recording.openFile);
  useViewerHook(recording, cursor, paints, heapMap);

  return (
    <div class="app">
      <OpenBar
        name={session?.name ?? null}
        loading={loading}
        error={error}
        onFile={recording.openFile}
        onDismissError={recording.dismissError}
      />
      {session ? (
        <>
          <TimeBar
            trace={session.trace}
            eventText={(i) => session.eventText(i)}
            position={position}
            playing={playback.playing}
            speed={playback.speed}
            onSeek={seek}
            onPlayPause={playback.playPause}
            onSpeed={playback.setSpeed}
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
                block={block}
                blockOwner={snapshot.blockOwner}
                onPick={snapshot.pickBlock}
                handle={heapMap}
                onPaint={paints.onPaint}
              />
              {selected && (
                <PoolZoom
                  session={session}
                  position={position}
                  pool={selected}
                  marked={
                    block && block.arena === selected.arena && block.pool === selected.pool
                      ? block.index
                      : null
                  }
                  onClose={() => setSelected(null)}
                />
              )}
              <FlameGraphPanel
                session={session}
                freedAt={recording.freedAt}
                position={position}
                playing={playback.playing}
              />
            </div>
            <aside class="workspace-right">
              {snapshot.view && (
                <ObjectsPanel
                  view={snapshot.view}
                  selected={snapshot.object}
                  onSelect={snapshot.selectObject}
                />
              )}
              <StatsPanel session={session} position={position} />
              <FragmentationPanel session={session} position={position} />
              <SitesPanel
                session={session}
                freedAt={recording.freedAt}
                position={position}
                playing={playback.playing}
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
