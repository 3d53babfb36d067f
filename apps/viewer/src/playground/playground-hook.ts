/**
 * `window.__pymemPlayground`: what the browser tests and the bench read from the
 * snippet page, and a way to move to a step without clicking.
 */

/** The hook's shape. */
export interface PlaygroundHook {
  /** `idle` (no run), `running`, `ran`. */
  readonly status: 'idle' | 'running' | 'ran';
  /** The step shown (0-based). */
  readonly index: number;
  /** Steps kept (the end state included). */
  readonly steps: number;
  /** The line of the step shown, or null. */
  readonly line: number | null;
  /** How the run ended, or null. */
  readonly outcome: string | null;
  /** Shows step `index`. */
  readonly go: (index: number) => void;
}

declare global {
  interface Window {
    __pymemPlayground?: PlaygroundHook;
  }
}

/** Makes `hook` the page's current one. */
export function publishPlaygroundHook(hook: PlaygroundHook): void {
  if (typeof window !== 'undefined') window.__pymemPlayground = hook;
}
