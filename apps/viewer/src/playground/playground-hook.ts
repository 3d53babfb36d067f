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
  /** Runs finished since the page opened (each reply, failed ones too). */
  readonly runs: number;
  /** Shows step `index`. */
  readonly go: (index: number) => void;
}

/** `window.__pymemPlaygroundHeap`: the snippet page's heap map, for the tests. */
export interface PlaygroundHeapHook {
  /** The selected object's block (arena, pool, byte offset in the pool), or null. */
  readonly block: { arena: number; pool: number; offset: number; address: number } | null;
  /** Client coordinates of a pool byte in the heap map, or null. */
  readonly pointOf: (
    arena: number,
    pool: number,
    offset: number,
  ) => { x: number; y: number } | null;
}

declare global {
  interface Window {
    __pymemPlayground?: PlaygroundHook;
    __pymemPlaygroundHeap?: PlaygroundHeapHook;
  }
}

/** Makes `hook` the page's heap-map hook. */
export function publishPlaygroundHeapHook(hook: PlaygroundHeapHook): void {
  if (typeof window !== 'undefined') window.__pymemPlaygroundHeap = hook;
}

/** Makes `hook` the page's current one. */
export function publishPlaygroundHook(hook: PlaygroundHook): void {
  if (typeof window !== 'undefined') window.__pymemPlayground = hook;
}
