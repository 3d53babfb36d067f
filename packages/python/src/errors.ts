/**
 * How a run stops early. Three outcomes besides a normal end, each with its own exit
 * status in the CLI:
 *
 *   Unsupported  the program uses something outside the modelled subset (exit 2):
 *                `FILE:LINE:COL: <feature> is not supported by pymem run`
 *   PythonError  a Python exception the model raises exactly as CPython does (exit 1):
 *                the traceback CPython prints
 *   StepLimit    the program ran more statements than `maxSteps` (exit 1)
 *
 * A run never prints a result the model cannot vouch for: whatever it cannot do
 * exactly is Unsupported, never approximated.
 */

import type { ObjectHandle } from '@pymem/objects';

/** Where a construct sits in the source: 1-based line and column. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/**
 * The source range of the construct an exception came from (the instruction's
 * position, 3.11+), and what kind of expression it is: a binary operation or a
 * subscript (3.11+ mark the operator / the brackets), a call (3.13 marks the
 * arguments), or anything else.
 */
export interface ErrorLocation {
  readonly from: number;
  readonly to: number;
  readonly kind: 'binop' | 'subscript' | 'call' | 'other';
  /** binop: the operator's range; subscript/call: where `[` / `(` starts. */
  readonly anchorFrom: number;
  readonly anchorTo: number;
  /** An assignment or return whose whole value is this call of a name (3.13 draws no carets). */
  readonly wholeCallValue: boolean;
}

/** The program uses a feature pymem run does not model (exit status 2). */
export class Unsupported extends Error {
  /** What is not supported, in a few words (`"a lambda"`, `"import of module os"`). */
  readonly feature: string;
  /** Where it is, when known. */
  position: SourcePosition | undefined;
  constructor(feature: string, position?: SourcePosition) {
    super(`${feature} is not supported by pymem run`);
    this.name = 'Unsupported';
    this.feature = feature;
    this.position = position;
  }
}

/** A Python exception raised by the modelled program (`type` is its class name). */
export class PythonError extends Error {
  /** The exception's class name, e.g. `ZeroDivisionError`. */
  readonly type: string;
  /** Its message (what `str(exc)` prints). */
  readonly detail: string;
  /** Innermost first: where it was raised, then each caller (with the failing range, when known). */
  readonly frames: { position: SourcePosition; scope: string; location?: ErrorLocation }[] = [];
  /** The failing construct in the frame the error is leaving now (set by the innermost one). */
  location: ErrorLocation | undefined;
  /** Its exception object once made (raise.ts), or 0. */
  exception: ObjectHandle = 0;
  /** New references to the args its object will take (else its message is the one arg). */
  argValues: ObjectHandle[] | undefined;
  /** The error being handled when this one was raised (`__context__`). */
  context: PythonError | undefined;
  /** `raise … from c`: c's error (`__cause__`). */
  causedBy: PythonError | undefined;
  /** `raise … from …` hides the context. */
  suppressContext = false;
  /**
   * 3.10+: what the interpreter stores in the exception it raises — a NameError's
   * `name`, an AttributeError's `name` and `obj` (set_attribute_error_context): new
   * references, taken over by its object when made (raise.ts).
   */
  errorContext: { name: ObjectHandle; obj: ObjectHandle } | undefined;
  /** 3.10+: its traceback would offer a "Did you mean" hint (it has a context). */
  suggestible = false;
  /**
   * The hint's text when it is modelled (name-error-hints.ts), computed when the error
   * is printed uncaught: `''` for none, null when it cannot be known.
   */
  hint: (() => string | null) | undefined;
  /** The hint printed after its message (set when it is printed uncaught), or undefined. */
  printedHint: string | undefined;
  /** The references each function frame it left still holds (its traceback keeps them). */
  readonly heldLocals: ObjectHandle[][] = [];
  constructor(type: string, detail: string) {
    super(`${type}: ${detail}`);
    this.name = 'PythonError';
    this.type = type;
    this.detail = detail;
  }
}

/** The run executed more statements than its step limit allows. */
export class StepLimit extends Error {
  /** The limit that was reached. */
  readonly maxSteps: number;
  constructor(maxSteps: number) {
    super(`stopped after ${maxSteps} steps (the --max-steps limit): the program may not end`);
    this.name = 'StepLimit';
    this.maxSteps = maxSteps;
  }
}

/**
 * Types whose objects are never callable (no tp_call): calling one is CPython's
 * TypeError. Any other object the call path does not handle (a class, a bound method,
 * a builtin held in a name, …) is refused instead.
 */
const NEVER_CALLABLE = new Set([
  'int',
  'bool',
  'float',
  'str',
  'bytes',
  'bytearray',
  'list',
  'tuple',
  'dict',
  'set',
  'frozenset',
  'NoneType',
  'range',
  'generator',
  'cell',
]);

/** The error of a call of `typeName`'s object on a path that calls only Python functions. */
export function notCallable(typeName: string, display: string, how: string): Error {
  if (NEVER_CALLABLE.has(typeName))
    return new PythonError('TypeError', `'${display}' object is not callable`);
  return new Unsupported(`calling a ${display} ${how}`);
}
