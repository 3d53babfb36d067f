/**
 * The running program's state: the heap, the module's names, the code constants,
 * the step counter and the output. Every handle the machine keeps (a name's value, a
 * frame's local, a code constant, a value on the evaluation stack) is one external
 * reference on the heap, so that, at any moment,
 *
 *   refcount(o) = references from other objects + names + locals + constants
 *                 + evaluation-stack temporaries
 *
 * exactly as CPython's frame and value stack hold them (3.8–3.13: every stack slot is
 * a strong reference). Constants are made once, when the program is compiled, and held
 * for the whole run like a code object's co_consts.
 */
import type { Heap, ObjectHandle } from '@pymem/objects';
import { BorrowLedger } from './borrowed-loads.ts';
import { StepLimit } from './errors.ts';
import type { Frame, FunctionCode } from './frame.ts';
import type { GcState } from './gc-calls.ts';
import type { LineEvents } from './line-events.ts';
import { ModuleGlobals } from './module-globals.ts';
import { type ProfileRules, profileRules } from './profile-rules.ts';
import { ExceptionState } from './raise.ts';

/** The run-wide state shared by every compiled closure. */
export class Machine {
  /** The object heap every value lives on. */
  readonly heap: Heap;
  /** The profile's minor version (8 … 13). */
  readonly minor: number;
  /** The patch release when the run names one (`--python 3.14.2`): it picks 3.14's collector. */
  patch: number | undefined = undefined;
  /** What differs between versions (profile-rules.ts). */
  readonly rules: ProfileRules;
  /** The module's names (the `__main__` dict's values; the dict's own memory is not modelled). */
  readonly globals: ModuleGlobals = new ModuleGlobals();
  /** Handles that are code constants (their counts include the code objects' references). */
  readonly constants: Set<ObjectHandle> = new Set();
  /** The code of each live function object the program made. */
  readonly functions: Map<ObjectHandle, FunctionCode> = new Map();
  /** The cycle collector and the program's gc state, when the module imports gc (gc-calls.ts). */
  gc: GcState | null = null;
  /** The run's line events (`--steps`), or null: set before the program is compiled. */
  lines: LineEvents | null = null;
  /** The program has a class statement (compile-class.ts). */
  hasClasses = false;
  /** Modules imported so far (`import sys`, `import gc`). */
  readonly modules: Set<string> = new Set();
  /** Names bound by a from-import that ran (compile-from-import.ts). */
  readonly fromImported: Set<string> = new Set();
  /** Module names `import m` has bound in `__main__` (a NameError hint's candidates). */
  readonly importedModuleNames: Set<string> = new Set();
  /** What the program printed. */
  readonly out: string[] = [];
  /** What the program wrote to stderr before it ended (`sys._debugmallocstats()`). */
  readonly err: string[] = [];
  /** Statements executed. */
  steps = 0;
  /** Module-level names bound while unbound (each a new key in `__main__`'s dict). */
  globalInsertions = 0;
  /** The limit on `steps`. */
  readonly maxSteps: number;
  /** The statement running now (1-based line and column), for a refusal's position. */
  line = 1;
  /** See {@link line}. */
  column = 1;
  /** Python frames on the call stack (the module's included). */
  depth = 1;
  /**
   * The {@link depth} each running class body runs at, outermost first: its frame is the
   * innermost one while no call is running above it.
   */
  readonly classBodies: number[] = [];
  /** The function calls running, outermost first (the module frame is not listed). */
  readonly calls: { readonly code: FunctionCode; readonly frame: Frame }[] = [];
  /** Called before each statement, once its line is set (`RunOptions.onStep`); null: no cost. */
  onStatement: (() => void) | null = null;
  /** Exceptions being handled and the objects made for them (raise.ts). */
  readonly exceptionState: ExceptionState = new ExceptionState();
  /** 3.14: the borrowed references of the running calls (borrowed-loads.ts); null before. */
  readonly borrows: BorrowLedger | null;

  constructor(heap: Heap, maxSteps: number) {
    this.heap = heap;
    this.minor = heap.layout.minor;
    this.rules = profileRules(this.minor);
    this.maxSteps = maxSteps;
    this.borrows = this.rules.borrowedLocalLoads ? new BorrowLedger() : null;
  }

  /**
   * Counts one executed statement. @throws StepLimit past the limit; Unsupported when
   * CPython might have collected automatically by now (gc-calls.ts)
   */
  step(): void {
    if (++this.steps > this.maxSteps) throw new StepLimit(this.maxSteps);
    this.gc?.beforeStatement();
  }

  /**
   * Releases temporaries the way a call releases its arguments: last first on
   * 3.8–3.10 (CALL_FUNCTION pops them one by one), first first from 3.11 (CALL's loop).
   * `release` drops one of them (by default its reference), given its index.
   */
  releaseArguments(
    values: readonly ObjectHandle[],
    release: (value: ObjectHandle, index: number) => void = (value) => this.heap.decref(value),
  ): void {
    if (!this.rules.argumentsReleasedFirstFirst)
      for (let i = values.length - 1; i >= 0; i--) release(values[i]!, i);
    else for (let i = 0; i < values.length; i++) release(values[i]!, i);
  }
}
