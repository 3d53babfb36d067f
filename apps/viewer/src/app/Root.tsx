/**
 * The page's two views: a recording (App) and a snippet run on the model
 * (Playground), switched by the tabs at the top. `?run` (and `?sample=ID`) opens the
 * snippet view, as does a script `pymem view SCRIPT.py` serves; a preloaded recording
 * opens the recording view. Both stay mounted
 * once opened, so switching back keeps a recording or a run where it was.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { Playground } from '../playground/Playground.tsx';
import { App } from './App.tsx';

/** Props of {@link Root}. */
export interface RootProps {
  /** The recording to open at once, or null. */
  readonly preload: string | null;
  /** The URL of a Python script to open on the snippet view (`pymem view SCRIPT.py`), or null. */
  readonly snippet: string | null;
  /** The page's query string. */
  readonly search: string;
}

type View = 'recording' | 'snippet';

/** The tabs and the view they show. */
export function Root({ preload, snippet, search }: RootProps): JSX.Element {
  const query = new URLSearchParams(search);
  const wantsSnippet =
    snippet !== null || (preload === null && (query.has('run') || query.has('sample')));
  const [view, setView] = useState<View>(wantsSnippet ? 'snippet' : 'recording');
  const [opened, setOpened] = useState<ReadonlySet<View>>(new Set([view]));
  const show = (next: View) => {
    setView(next);
    setOpened((o) => new Set([...o, next]));
  };
  const tab = (id: View, label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={view === id}
      class={`tab${view === id ? ' active' : ''}`}
      data-testid={`tab-${id}`}
      onClick={() => show(id)}
    >
      {label}
    </button>
  );
  return (
    <>
      <div class="tabs" role="tablist">
        {tab('recording', 'Recording')}
        {tab('snippet', 'Run a snippet')}
      </div>
      <div hidden={view !== 'recording'}>
        {opened.has('recording') ? <App preload={preload} /> : null}
      </div>
      <div hidden={view !== 'snippet'}>
        {opened.has('snippet') ? (
          <Playground sample={query.get('sample')} script={snippet} />
        ) : null}
      </div>
    </>
  );
}
