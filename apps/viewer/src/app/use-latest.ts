/**
 * `useLatest(value)`: a ref whose `current` is the value of the latest render, for
 * callbacks and effects that must stay stable (installed once) yet read fresh state.
 */
import { useRef } from 'preact/hooks';

/** A ref holding `value` as of the latest render. */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}
