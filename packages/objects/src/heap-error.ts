/** The heap's error class (its own module so every part can throw it without an import cycle). */

/** Thrown on a call CPython would reject or that breaks the refcount contract. */
export class HeapError extends Error {
  /** Stable error code. */
  readonly code:
    | 'dead-object'
    | 'wrong-type'
    | 'unhashable'
    | 'no-reference'
    | 'index'
    | 'unsupported'
    | 'invalid-argument'
    /** CPython raises ValueError with this message (zip(strict=True) of unequal lengths). */
    | 'value-error';
  constructor(code: HeapError['code'], message: string) {
    super(message);
    this.name = 'HeapError';
    this.code = code;
  }
}
