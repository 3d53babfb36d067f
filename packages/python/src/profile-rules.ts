/**
 * Every place where what a program does to memory (or prints) depends on the CPython
 * version, named in one table. The compiler, the machine and the traceback read these
 * instead of comparing version numbers, so each difference is written down once with
 * its source and how it was established.
 *
 *   rule                         3.8  3.9  3.10 3.11 3.12 3.13 3.14   source
 *   constantDisplaysExtend        ·    ✓    ✓    ✓    ✓    ✓    ✓     compile.c starunpack_helper
 *   callFrameTakesArguments       ·    ·    ·    ✓    ✓    ✓    ✓     ceval.c _PyEvalFramePushAndInit
 *   argumentsReleasedFirstFirst   ·    ·    ·    ✓    ✓    ✓    ·     ceval.c CALL (vs CALL_FUNCTION; 3.14 measured on Pyodide)
 *   listExtendDictResizes         ·    ·    ·    ·    ·    ✓    ✓     listobject.c list_extend_dict
 *   latin1ConstantsMayAlias       ·    ·    ·    ✓    ✓    ·    ·     deep-frozen interned strs (measured)
 *   unicodeConcatenate            ✓    ✓    ✓    ·    ·    ·    ·     ceval.c unicode_concatenate (str-concat.ts)
 *   inPlaceAddWaitsForQuickening  ·    ·    ·    ✓    ·    ·    ·     specialize.c, _PyCode_Warmup (measured)
 *   storeLoadFused                ·    ·    ·    ·    ·    ✓    ✓     flowgraph.c STORE_FAST_LOAD_FAST (measured)
 *   nameErrorHints                ·    ·    ✓    ✓    ✓    ✓    ✓     suggestions.c (3.10+)
 *   tracebackMarks                ·    ·    ·    ✓    ✓    ✓    ✓     traceback.c / traceback.py
 *   callArgumentMarks             ·    ·    ·    ·    ·    ✓    ✓     traceback.py (3.13)
 *   assertMarksTest               ·    ·    ·    ✓    ·    ✓    ✓     measured (3.12 marks the statement)
 *   moduloByZeroOwnMessage        ·    ·    ·    ✓    ✓    ✓    ✓     longobject.c l_mod (measured)
 *   borrowedLocalLoads            ·    ·    ·    ·    ·    ·    ✓     flowgraph.c optimize_load_fast (3.14)
 *   intDivisionByZeroPlain        ·    ·    ·    ·    ·    ·    ✓     longobject.c (measured: "division by zero")
 *   unpackTooManyCounts           ·    ·    ·    ·    ·    ·    ✓     ceval.c unpack_iterable (measured: "got N")
 *   exceptNameClearedFirst        ✓    ·    ·    ·    ·    ·    ·     compile.c compiler_try_except
 *   gcGenerationsRefused          ·    ·    ·    ·    ·    ·    ✓     gc.c 3.14 (3.14.5+; 3.14.0–3.14.4: incremental)
 *   tuplesUntrackedWhenMade       ·    ·    ·    ·    ·    ·    ✓     tupleobject.c gh-139951 (measured on 3.14.2)
 *   callErrorsNameQualname        ·    ·    ✓    ✓    ✓    ✓    ✓     ceval.c missing_arguments (measured)
 *   starCallReleasesTupleFirst    ·    ·    ·    ·    ✓    ✓    ✓     ceval _PyEvalFramePushAndInit_Ex (measured)
 *   splitPreallocatesByLength     ·    ·    ·    ·    ✓    ✓    ✓     unicodeobject.c split (measured)
 *   listDelItemKeepsSlots         ·    ·    ·    ·    ·    ✓    ✓     listobject.c list_ass_item (measured)
 *   uncaughtMainClassUnqualified  ·    ·    ·    ✓    ✓    ✓    ✓     pythonrun.c print_exception_message (measured)
 *   withExitAtWithLine            ·    ·    ✓    ✓    ✓    ✓    ✓     compile.c compiler_with (PEP 626; measured)
 *   reduceEmptySaysIterable       ·    ·    ✓    ✓    ✓    ✓    ✓     _functoolsmodule.c functools_reduce (measured)
 *   reduceTakesArgumentTuple      ✓    ✓    ✓    ✓    ✓    ✓    ·     functools_reduce METH_VARARGS (3.14: clinic fastcall)
 *   partialCallPacksArguments     ✓    ·    ·    ·    ·    ·    ·     _functoolsmodule.c partial_call (measured)
 *   mapFilterVectorcall           ·    ·    ✓    ✓    ✓    ✓    ✓     bltinmodule.c map_vectorcall (3.10+)
 *   framesClearedTopDown          ·    ·    ·    ·    ·    ·    ✓     frame.c _PyFrame_ClearLocals (3.14: top slot first)
 *   mainDictScannedLast           ✓    ✓    ✓    ·    ✓    ✓    ·     measured (first gc.collect(): survivors' order)
 *
 * 3.14 is measured on Pyodide (CPython 3.14.2, wasm32): a local passed to a call or to
 * `sys.getrefcount` inside a function is a borrowed stack reference (LOAD_FAST_BORROW),
 * and so is the callee's parameter bound from it: `sys.getrefcount(a)` of a parameter
 * prints 2 where 3.13 prints 3, at any call depth (refcount_call_depth.py: 2 2 2).
 * The model holds every handle strongly, so the rule refuses `sys.getrefcount` inside
 * a function there; at module level (LOAD_NAME: strong) it is unchanged.
 */

/** The per-version rules for a minor version (8 … 14). */
export interface ProfileRules {
  /** A list/set display of more than two constants: BUILD_LIST 0 + LIST_EXTEND of a constant tuple. */
  readonly constantDisplaysExtend: boolean;
  /** A Python call's frame takes the caller's argument references (no new ones). */
  readonly callFrameTakesArguments: boolean;
  /** A call releases its argument temporaries first to last (else last to first). */
  readonly argumentsReleasedFirstFirst: boolean;
  /** `list.extend(dict)` / `list(dict)` resize by the dict's size, with no iterator object. */
  readonly listExtendDictResizes: boolean;
  /** A one-character str constant may be an interned copy, not the latin-1 singleton. */
  readonly latin1ConstantsMayAlias: boolean;
  /**
   * Every str + str is unicode_concatenate: the variable the next store writes is
   * cleared first, and a str with one reference grows in place (str-concat.ts).
   */
  readonly unicodeConcatenate: boolean;
  /**
   * `s += t` in a function specialises once its code object has quickened (8 RESUME /
   * JUMP_BACKWARD), else on the site's second run.
   */
  readonly inPlaceAddWaitsForQuickening: boolean;
  /** A STORE_FAST followed on its line by a LOAD_FAST is one instruction (no in-place add). */
  readonly storeLoadFused: boolean;
  /** A NameError's text may carry a "Did you mean" hint. */
  readonly nameErrorHints: boolean;
  /** Tracebacks mark the failing construct under its line. */
  readonly tracebackMarks: boolean;
  /** The marks under a call set its arguments apart (`~~~^^^`). */
  readonly callArgumentMarks: boolean;
  /** A failed assert marks its test (else the whole statement, unmarked). */
  readonly assertMarksTest: boolean;
  /** `%` by zero says "integer modulo by zero" (else "integer division or modulo by zero"). */
  readonly moduloByZeroOwnMessage: boolean;
  /** Locals are loaded as borrowed stack references (LOAD_FAST_BORROW): not modelled, refused. */
  readonly borrowedLocalLoads: boolean;
  /** Int `//` and `%` by zero say "division by zero", as `/` does. */
  readonly intDivisionByZeroPlain: boolean;
  /** Unpacking a list or tuple of too many values says how many it got. */
  readonly unpackTooManyCounts: boolean;
  /**
   * `gc.get_threshold/set_threshold`, `gc.collect(0|1)`, `gc.is_tracked` and
   * `gc.collect()` after classes or kept exceptions are refused unless the run names a
   * release 3.14.0–3.14.4 (`3.14.2`): those run the incremental collector, measured on
   * Pyodide 3.14.2 (gc-calls.ts); 3.14.5+'s generational collector is not measured.
   */
  readonly gcGenerationsRefused: boolean;
  /** Some tuples of GC-free items are never tracked (gh-139951; tuple-tracking.ts). */
  readonly tuplesUntrackedWhenMade: boolean;
  /** `except … as e` ends by unbinding e before POP_EXCEPT (else after it). */
  readonly exceptNameClearedFirst: boolean;
  /** A bad call's TypeError names the function by `__qualname__` (else `__name__`). */
  readonly callErrorsNameQualname: boolean;
  /** `f(*xs)` releases its argument tuple once the frame holds the items, before the body runs. */
  readonly starCallReleasesTupleFirst: boolean;
  /** `del xs[i]` shifts the tail without list_resize (else list_ass_slice, which may shrink). */
  readonly listDelItemKeepsSlots: boolean;
  /** str.split without maxsplit reserves slots by the text's length (else 12). */
  readonly splitPreallocatesByLength: boolean;
  /** An uncaught exception of a `__main__` class prints `E: …` (else `__main__.E: …`). */
  readonly uncaughtMainClassUnqualified: boolean;
  /** `__exit__` called for an exception runs at the `with` statement's line (else the body's). */
  readonly withExitAtWithLine: boolean;
  /** functools.reduce of nothing says "empty iterable" (before: "empty sequence"). */
  readonly reduceEmptySaysIterable: boolean;
  /** functools.reduce is METH_VARARGS: the call packs its arguments into a tuple. */
  readonly reduceTakesArgumentTuple: boolean;
  /** Calling a functools.partial goes through tp_call: its arguments packed into a tuple. */
  readonly partialCallPacksArguments: boolean;
  /** `map(…)` / `filter(…)` are vectorcalls (else type_call with an arguments tuple). */
  readonly mapFilterVectorcall: boolean;
  /** A finished call's frame releases its locals last slot first (else first slot first). */
  readonly framesClearedTopDown: boolean;
  /**
   * The program's first full collection meets `__main__`'s dict before what it names
   * and rescues it last, so the objects only it reaches end up in its order (measured:
   * after `o, p = p, o` the next collection finalizes p's object first; on 3.11 the
   * dict is reached in place and the order stays, as on Pyodide's 3.14.2).
   */
  readonly mainDictScannedLast: boolean;
}

/** The rules of CPython 3.`minor`. */
export function profileRules(minor: number): ProfileRules {
  return {
    constantDisplaysExtend: minor >= 9,
    callFrameTakesArguments: minor >= 11,
    argumentsReleasedFirstFirst: minor >= 11 && minor <= 13,
    listExtendDictResizes: minor >= 13,
    latin1ConstantsMayAlias: minor === 11 || minor === 12,
    unicodeConcatenate: minor <= 10,
    inPlaceAddWaitsForQuickening: minor === 11,
    storeLoadFused: minor >= 13,
    nameErrorHints: minor >= 10,
    tracebackMarks: minor >= 11,
    callArgumentMarks: minor >= 13,
    assertMarksTest: minor === 11 || minor >= 13,
    moduloByZeroOwnMessage: minor >= 11,
    borrowedLocalLoads: minor >= 14,
    intDivisionByZeroPlain: minor >= 14,
    unpackTooManyCounts: minor >= 14,
    gcGenerationsRefused: minor >= 14,
    tuplesUntrackedWhenMade: minor >= 14,
    exceptNameClearedFirst: minor === 8,
    callErrorsNameQualname: minor >= 10,
    starCallReleasesTupleFirst: minor >= 12,
    listDelItemKeepsSlots: minor >= 13,
    splitPreallocatesByLength: minor >= 12,
    uncaughtMainClassUnqualified: minor >= 11,
    withExitAtWithLine: minor >= 10,
    reduceEmptySaysIterable: minor >= 10,
    reduceTakesArgumentTuple: minor <= 13,
    partialCallPacksArguments: minor === 8,
    mapFilterVectorcall: minor >= 10,
    framesClearedTopDown: minor >= 14,
    mainDictScannedLast: minor !== 11 && minor <= 13,
  };
}
