/**
 * The built-in types the object heap models, and their numeric codes in its columns.
 */

/** A modelled built-in type. */
export type ObjectType =
  | 'int'
  | 'bool'
  | 'NoneType'
  | 'float'
  | 'str'
  | 'bytes'
  | 'bytearray'
  | 'tuple'
  | 'list'
  | 'dict'
  | 'set'
  | 'frozenset';

/** Type names by code (code 0 is "no object"). */
export const TYPE_NAMES: readonly ObjectType[] = [
  'NoneType',
  'int',
  'bool',
  'NoneType',
  'float',
  'str',
  'bytes',
  'bytearray',
  'tuple',
  'list',
  'dict',
  'set',
  'frozenset',
];

/** Column codes of each type. */
export const TYPE_CODE: Readonly<Record<ObjectType, number>> = {
  int: 1,
  bool: 2,
  NoneType: 3,
  float: 4,
  str: 5,
  bytes: 6,
  bytearray: 7,
  tuple: 8,
  list: 9,
  dict: 10,
  set: 11,
  frozenset: 12,
};

/** True for the types the cycle collector knows (`Py_TPFLAGS_HAVE_GC`). */
export function isGcType(type: ObjectType): boolean {
  return (
    type === 'tuple' || type === 'list' || type === 'dict' || type === 'set' || type === 'frozenset'
  );
}
