/**
 * The viewer's keys: ←/→ step one event, shift+←/→ jump to the previous/next mark,
 * space plays or pauses. Keys typed into a text field or a select are left alone.
 */

/** What a key asks for. */
export type KeyAction = 'step-back' | 'step-forward' | 'previous-mark' | 'next-mark' | 'play-pause';

/** The parts of a KeyboardEvent that matter here. */
export interface KeyInput {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly altKey?: boolean;
  /** Tag name of the focused element (upper case, as the DOM reports it). */
  readonly targetTag?: string;
  /** `type` of the focused input, if any. */
  readonly targetType?: string;
}

const TEXT_INPUTS = new Set(['text', 'search', 'number', 'email', 'url', 'password']);

/** The action for a key press, or null when the key is not the viewer's. */
export function keyAction(input: KeyInput): KeyAction | null {
  if (input.ctrlKey || input.metaKey || input.altKey) return null;
  const tag = input.targetTag ?? '';
  if (tag === 'TEXTAREA' || tag === 'SELECT') return null;
  if (tag === 'INPUT' && TEXT_INPUTS.has(input.targetType ?? 'text')) return null;
  switch (input.key) {
    case 'ArrowLeft':
      return input.shiftKey ? 'previous-mark' : 'step-back';
    case 'ArrowRight':
      return input.shiftKey ? 'next-mark' : 'step-forward';
    case ' ':
    case 'Spacebar':
      return 'play-pause';
    default:
      return null;
  }
}
