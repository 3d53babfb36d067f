/**
 * A function's compiled code and the frame one call of it runs in.
 *
 *   Frame  locals[0 … nlocals)  one external reference each, 0 while unbound
 *          returned             the return value (a new reference) once `return` ran
 *          line                 the statement running, for tracebacks
 *
 * A call binds the arguments to the first locals: 3.8–3.10 copy the caller's
 * references (the caller drops its own after the call); 3.11+ move them (the
 * callee's frame takes the value stack's references: _PyEvalFramePushAndInit). The
 * frame is cleared in local order when the call ends, then the function object is
 * released (3.11+: the frame's f_funcobj; 3.8–3.10: the caller's stack slot).
 * Frame objects themselves (3.8–3.10 zombie frames) are not modelled.
 */
import type { ObjectHandle } from '@pymem/objects';

/**
 * 3.11: a code object's RESUME and JUMP_BACKWARD runs so far (co_warmup, counted up;
 * it quickens at 8: str-concat.ts). Shared by every function made from the code.
 */
export interface CodeWarmup {
  count: number;
}

/** What the statements of a body report to their block. */
export const Flow = { next: 0, break: 1, continue: 2, return: 3 } as const;
/** A statement's outcome. */
export type Flow = (typeof Flow)[keyof typeof Flow];

/** One running call (or the module). */
export interface Frame {
  /** Local variables by slot; 0 is unbound. The module frame has none. */
  readonly locals: ObjectHandle[];
  /** The return value once a `return` ran. */
  returned: ObjectHandle;
  /** 1-based line of the statement running. */
  line: number;
  /** The generator whose body runs in this frame (its slots hold the locals), if any. */
  readonly generator?: ObjectHandle;
}

/** A compiled statement. */
export type Statement = (frame: Frame) => Flow;
/** A compiled expression: returns a new reference. */
export type Expression = (frame: Frame) => ObjectHandle;

/** A `def`'s compiled code. */
export interface FunctionCode {
  /** The function's name (co_name). */
  readonly name: string;
  /** Positional parameters, in order (they are locals 0 … n-1). */
  readonly parameters: readonly string[];
  /** `__qualname__` (`outer.<locals>.inner`), for TypeErrors of bad calls. */
  readonly qualname?: string;
  /** Keyword-only parameters (the slots after the positional ones). */
  readonly keywordOnly?: readonly string[];
  /** Whether it takes `*args` (the slot after the keyword-only parameters). */
  readonly varargs?: boolean;
  /** Whether it takes `**kwargs` (the slot after `*args`'s). */
  readonly varkeywords?: boolean;
  /** Number of local slots. */
  readonly localCount: number;
  /**
   * The locals' names by slot (parameters first; a cell variable's slot holds its cell),
   * for step views; unnamed slots (3.12+ hidden comprehension variables) are ''.
   */
  localNames?: readonly string[];
  /** The body. */
  body: Statement;
  /** Run when a call's frame starts, after its arguments are bound: cells made, free variables copied. */
  readonly enter?: (frame: Frame, f: ObjectHandle) => void;
  /** A generator function's call: the new generator, from the bound locals and the function (borrowed). */
  makeGenerator?: (locals: readonly ObjectHandle[], func: ObjectHandle) => ObjectHandle;
  /** 3.11: the code object's warm-up count, one more per call (RESUME). */
  readonly warmup?: CodeWarmup;
}
