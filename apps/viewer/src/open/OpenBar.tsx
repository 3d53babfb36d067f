/**
 * Opening a recording: a file picker, the drop target (the whole window accepts a
 * dropped file; see App), the loading progress bar and the one-line error of a
 * failed load.
 */
import type { JSX } from 'preact';
import type { LoadStage } from '../load/read-trace.ts';
import { bytes } from '../panels/format.ts';

/** A load in progress, for the progress bar. */
export interface LoadingState {
  readonly name: string;
  readonly stage: LoadStage;
  readonly loaded: number;
  readonly total: number | null;
}

/** Props of {@link OpenBar}. */
export interface OpenBarProps {
  readonly name: string | null;
  readonly loading: LoadingState | null;
  readonly error: string | null;
  readonly onFile: (file: File) => void;
  readonly onDismissError: () => void;
}

const STAGE_WORDS: Record<LoadStage, string> = {
  downloading: 'downloading',
  reading: 'reading',
  replaying: 'replaying once to sample the timeline',
};

/** The top bar: title, open button, progress and error. */
export function OpenBar({
  name,
  loading,
  error,
  onFile,
  onDismissError,
}: OpenBarProps): JSX.Element {
  const onChange = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (file) onFile(file);
    input.value = '';
  };
  const fraction =
    loading?.total && loading.stage !== 'replaying'
      ? Math.min(1, loading.loaded / loading.total)
      : null;
  return (
    <header class="openbar">
      <h1>
        pymem <span>viewer</span>
      </h1>
      <span class="file-name" data-testid="file-name">
        {name ?? 'no recording open'}
      </span>
      <label class="open-button">
        Open a recording…
        <input
          type="file"
          accept=".txt,.pmt,.gz,.br,text/plain,application/gzip,application/octet-stream"
          onChange={onChange}
          data-testid="file-input"
        />
      </label>
      {loading && (
        <span class="loading" data-testid="loading">
          {loading.name}: {STAGE_WORDS[loading.stage]}
          {loading.stage !== 'replaying' && ` ${bytes(loading.loaded)}`}
          <progress
            max={1}
            {...(fraction === null ? {} : { value: fraction })}
            aria-label="Loading progress"
          />
        </span>
      )}
      {error && (
        <p class="error" role="alert" data-testid="error" title={error}>
          <span class="message">{error}</span>
          <button type="button" onClick={onDismissError} aria-label="Dismiss the error">
            ×
          </button>
        </p>
      )}
    </header>
  );
}
