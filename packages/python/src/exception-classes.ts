/**
 * The builtin exception classes a program may name, their hierarchy, and which
 * exception object each model exception is (its class name, kept beside the heap:
 * the heap's `exception` objects all share BaseException's layout).
 *
 *   BaseException ─┬─ Exception ─┬─ ArithmeticError ─┬─ ZeroDivisionError
 *                  │             │                   ├─ OverflowError
 *                  │             │                   └─ FloatingPointError
 *                  │             ├─ LookupError ─┬─ KeyError
 *                  │             │               └─ IndexError
 *                  │             ├─ ValueError, TypeError, AssertionError, NameError,
 *                  │             │  RuntimeError ─ NotImplementedError / RecursionError, …
 *                  ├─ KeyboardInterrupt
 *                  └─ GeneratorExit, SystemExit
 *
 * (Objects/exceptions.c, 3.8–3.13: the same tree in every version for these classes.)
 *
 * Invariant: an exception object of a class in {@link EXTRA_FIELDS} is never made —
 * those have a larger struct (PySystemExitObject, 3.10+
 * PyNameErrorObject and PyAttributeErrorObject) or a free list (MemoryError), which
 * the heap does not model; naming them in `except` is fine. StopIteration's larger
 * struct (PyStopIterationObject: `value`) is the heap's own layout.
 */
import type { ExceptionLayout, Heap, ObjectHandle } from '@pymem/objects';
import { attributeHint } from './attribute-suggestions.ts';
import { PythonError, Unsupported } from './errors.ts';
import type { Machine } from './machine.ts';
import { reprText, strText } from './values.ts';

/** Each builtin exception class the model knows, with its base class. */
const BASES: Readonly<Record<string, string>> = {
  Exception: 'BaseException',
  KeyboardInterrupt: 'BaseException',
  GeneratorExit: 'BaseException',
  SystemExit: 'BaseException',
  ArithmeticError: 'Exception',
  ZeroDivisionError: 'ArithmeticError',
  OverflowError: 'ArithmeticError',
  FloatingPointError: 'ArithmeticError',
  LookupError: 'Exception',
  KeyError: 'LookupError',
  IndexError: 'LookupError',
  AssertionError: 'Exception',
  AttributeError: 'Exception',
  BufferError: 'Exception',
  EOFError: 'Exception',
  MemoryError: 'Exception',
  NameError: 'Exception',
  UnboundLocalError: 'NameError',
  ReferenceError: 'Exception',
  RuntimeError: 'Exception',
  NotImplementedError: 'RuntimeError',
  RecursionError: 'RuntimeError',
  StopIteration: 'Exception',
  SystemError: 'Exception',
  TypeError: 'Exception',
  ValueError: 'Exception',
  Warning: 'Exception',
  UserWarning: 'Warning',
  DeprecationWarning: 'Warning',
  RuntimeWarning: 'Warning',
};

/** The builtin exception class names a program may use. */
export const EXCEPTION_CLASSES: ReadonlySet<string> = new Set([
  'BaseException',
  ...Object.keys(BASES),
]);

/**
 * Whether an instance of `name` has fields beyond BaseException's (or a free list) on
 * 3.`minor` that the heap does not make: such an object is refused, not made with the
 * wrong size. StopIteration's `value` and 3.10+ NameError's / AttributeError's `name`
 * and `obj` are modelled (exceptionLayout).
 */
export function hasExtraFields(name: string, _minor: number): boolean {
  return name === 'SystemExit' || name === 'MemoryError';
}

/** The heap layout of a builtin exception class on 3.`minor` (heap exceptions.ts). */
export function exceptionLayout(name: string, minor: number): ExceptionLayout {
  if (name === 'StopIteration') return 'stopIteration';
  if (minor >= 10 && (name === 'NameError' || name === 'UnboundLocalError')) return 'nameError';
  if (minor >= 10 && name === 'AttributeError') return 'attributeError';
  return 'base';
}

/**
 * An error the interpreter raises with a context on 3.10+ (format_exc_check_arg's
 * NameError `name`; set_attribute_error_context's AttributeError `name` and `obj`,
 * `obj` 0 for a NameError): the error holds new references until its object is made.
 * An AttributeError gets the maker of its "Did you mean" hint (attribute-suggestions.ts).
 */
export function contextError(
  m: Machine,
  type: 'NameError' | 'AttributeError',
  text: string,
  name: string,
  obj: ObjectHandle,
): PythonError {
  const err = new PythonError(type, text);
  if (m.minor < 10) return err;
  const heap = m.heap;
  if (obj !== 0) heap.incref(obj);
  err.errorContext = { name: heap.identifier(name), obj };
  err.suggestible = true;
  // An AttributeError's hint is modelled here; a NameError's where it is raised.
  if (type === 'AttributeError') err.hint = attributeHint(m, obj, name);
  return err;
}

/** Whether class `name` is `base` or derives from it (`except base` catches it). */
export function isSubclass(name: string, base: string): boolean {
  for (let c: string | undefined = name; c !== undefined; c = BASES[c]) if (c === base) return true;
  return false;
}

/** The builtin classes a program's exception class derives from, nearest first. */
export function builtinBaseChain(name: string): string[] {
  const chain: string[] = [];
  for (let c: string | undefined = name; c !== undefined; c = BASES[c]) chain.push(c);
  return chain;
}

/**
 * The class of an exception object: its name, the nearest builtin exception class
 * (itself for a builtin one), and the program's class (0 for a builtin one).
 */
interface ExceptionClassOf {
  readonly name: string;
  readonly builtin: string;
  readonly cls: ObjectHandle;
}

/** Which class each live exception object of a heap is. */
const classes: WeakMap<Heap, Map<ObjectHandle, ExceptionClassOf>> = new WeakMap();

/**
 * Records that `e` (a new exception object) is an instance of `name`: a builtin class,
 * or with `cls` the program's class `name` deriving from builtin class `builtin`.
 */
export function setExceptionClass(
  heap: Heap,
  e: ObjectHandle,
  name: string,
  cls: ObjectHandle = 0,
  builtin: string = name,
): void {
  let map = classes.get(heap);
  if (map === undefined) {
    map = new Map();
    classes.set(heap, map);
  }
  map.set(e, { name, builtin, cls });
}

function classOf(heap: Heap, e: ObjectHandle): ExceptionClassOf {
  const known = classes.get(heap)?.get(e);
  if (known === undefined) throw new Unsupported('an exception object of an unknown class');
  return known;
}

/** The class name of exception object `e`. @throws Unsupported when it is not known */
export function exceptionClass(heap: Heap, e: ObjectHandle): string {
  return classOf(heap, e).name;
}

/** The nearest builtin class of exception object `e` (what `except ValueError` tests). */
export function builtinExceptionClass(heap: Heap, e: ObjectHandle): string {
  return classOf(heap, e).builtin;
}

/** The program's class of exception object `e`, or 0 for a builtin class. */
export function programExceptionClass(heap: Heap, e: ObjectHandle): ObjectHandle {
  return classOf(heap, e).cls;
}

/** The args tuple of exception `e` (borrowed; a program's class and the dict come first). */
export function exceptionArgs(heap: Heap, e: ObjectHandle): ObjectHandle {
  return heap.exceptionArgs(e);
}

/**
 * `str(e)` (BaseException_str; KeyError_str shows its one argument's repr) or, with
 * `repr`, `repr(e)` (BaseException_repr: the class name and the args, one argument
 * without the tuple's trailing comma).
 */
export function exceptionText(heap: Heap, e: ObjectHandle, repr: boolean): string {
  const name = exceptionClass(heap, e);
  const args = heap.referents(exceptionArgs(heap, e));
  if (repr) {
    if (args.length === 1) return `${name}(${reprText(heap, args[0]!)})`;
    return `${name}${reprText(heap, exceptionArgs(heap, e))}`;
  }
  if (args.length === 0) return '';
  if (args.length === 1)
    return builtinExceptionClass(heap, e) === 'KeyError'
      ? reprText(heap, args[0]!)
      : strText(heap, args[0]!);
  return reprText(heap, exceptionArgs(heap, e));
}

/** The KeyError a failed lookup of `key` raises: its object's one arg is the key itself. */
export function keyError(heap: Heap, key: ObjectHandle): PythonError {
  const error = new PythonError('KeyError', reprText(heap, key));
  error.argValues = [heap.share(key)];
  return error;
}
