import { describe, expect, it } from 'vitest';
import type { ObjectEvent } from './events.ts';
import { Heap } from './heap.ts';
import { validateHeap } from './validate-heap.ts';

function memoryCalls(heap: Heap): ObjectEvent[] {
  const events: ObjectEvent[] = [];
  heap.hook = (event) => {
    if (event.type === 'memory-call') events.push(event);
  };
  return events;
}

describe('Heap.strAppend (PyUnicode_Append)', () => {
  it('grows a str nothing else holds by reallocating its block: the same object', () => {
    for (const profile of ['3.8', '3.12'] as const) {
      const heap = new Heap({ profile });
      const s = heap.newStr('10abc');
      const x = heap.newStr('xy');
      const block = heap.blockAddressOf(s);
      const calls = memoryCalls(heap);
      const grown = heap.strAppend(s, x);
      expect(grown).toBe(s);
      expect(heap.valueOf(s)).toBe('10abcxy');
      expect(heap.lengthOf(s)).toBe(7);
      // 3.8–3.11: a 48-byte PyASCIIObject; 3.12+: 40 bytes (no wstr).
      const header = profile === '3.8' ? 48 : 40;
      expect(calls).toEqual([
        {
          type: 'memory-call',
          domain: 'obj',
          call: 'realloc',
          nbytes: header + 7 + 1,
          address: block,
          previous: block,
        },
      ]);
      expect(heap.sizeof(s)).toBe(header + 8);
      heap.decref(s);
      heap.decref(x);
      validateHeap(heap);
    }
  });

  it('moves the str when the new length leaves its size class', () => {
    const heap = new Heap({ profile: '3.12' });
    const s = heap.newStr('a'.repeat(20));
    const x = heap.newStr('b'.repeat(10));
    const before = heap.blockAddressOf(s);
    const grown = heap.strAppend(s, x);
    expect(grown).toBe(s);
    expect(heap.blockAddressOf(s)).not.toBe(before);
    expect(heap.sizeof(s)).toBe(40 + 31);
    heap.decref(s);
    heap.decref(x);
    validateHeap(heap);
  });

  it('copies a str held elsewhere, hashed as a key, or of a narrower kind', () => {
    const heap = new Heap({ profile: '3.11' });
    const x = heap.newStr('zz');
    // Held twice.
    const held = heap.newStr('held12');
    heap.incref(held);
    const copy = heap.strAppend(held, x);
    expect(copy).not.toBe(held);
    expect(heap.refcount(held)).toBe(1);
    heap.decref(held);
    heap.decref(copy);
    // Its hash cached by a dict lookup, then nothing else holds it.
    const d = heap.newDict();
    const key = heap.newStr('key123');
    const one = heap.newInt(1);
    heap.dictSetItem(d, key, one);
    heap.dictDelItem(d, key);
    expect(heap.strModifiable(key)).toBe(false);
    const fresh = heap.strAppend(key, x);
    expect(fresh).not.toBe(key);
    expect(heap.valueOf(fresh)).toBe('key123zz');
    heap.decref(fresh);
    // An ASCII str and a latin-1 one: a new str of the wider kind.
    const ascii = heap.newStr('abc12');
    const latin = heap.newStr('éé');
    const wide = heap.strAppend(ascii, latin);
    expect(wide).not.toBe(ascii);
    // PyCompactUnicodeObject (72 bytes on 3.11) + 8 one-byte characters.
    expect(heap.sizeof(wide)).toBe(72 + 8);
    for (const o of [wide, latin, x, one, d]) heap.decref(o);
    validateHeap(heap);
  });

  it('gives the right side itself for an empty left side, the left for an empty right', () => {
    const heap = new Heap({ profile: '3.10' });
    const s = heap.newStr('abc12');
    const empty = heap.newStr('');
    const same = heap.strAppend(s, empty);
    expect(same).toBe(s);
    const other = heap.strAppend(heap.newStr(''), s);
    expect(other).toBe(s);
    expect(heap.refcount(s)).toBe(2);
    heap.decref(s);
    heap.decref(other);
    heap.decref(empty);
    validateHeap(heap);
  });
});
