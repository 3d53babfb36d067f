# Allocator calls of cycle collections, section by section (pymem's truth for the
# collector running on the object heap; tests/gc-frees.test.ts runs the same statements
# on the model). Names are bound before the first mark so storing them never grows the
# module dict; a full collection before the first mark empties every free list, as in a
# fresh model heap. Automatic collection is off and the recorder's gc callback is
# removed: invoking it would allocate inside the collections measured. Weakref
# callbacks are `callable` (a METH_O builtin: calling it allocates nothing); two
# floats parked on their free list before the first full collection show the order
# in which it empties the free lists (tuples or floats first); the
# sections run once unrecorded first (see the rehearsal below).
import gc
import weakref
import pymem_record

gc.disable()
gc.callbacks.clear()


class Pair:
    pass


class WithDel:
    def __del__(self):
        pass


class WithMethod:
    def method(self):
        pass


x = y = a = o = w = n = f = None
cb = callable
x = WithDel()
x = None

# A rehearsal of every section: the type attribute cache then holds the names the
# sections look up (on 3.10 an evicted entry can free a str, at an address-dependent
# moment), and __del__'s frame exists.
x = Pair()
y = Pair()
x.other = y
y.other = x
x = Pair()
y = Pair()
x.other = y
y.other = x
x = Pair()
y = Pair()
x.other = y
y.other = x
x = y = None
f = 0.5
f = f + 1.0
f = f + 1.0
f = None
n = gc.collect()
a = []
a.append(a)
a = []
a.append(a)
a = None
n = gc.collect(0)
x = Pair()
x.other = x
w = weakref.ref(x, cb)
x = None
n = gc.collect()
w = None
x = WithDel()
x.other = x
x = None
o = WithMethod()
o.m = o.method
o = None
n = gc.collect()
gc.collect()
gc.collect()

pymem_record.mark("pairs")
x = Pair()
y = Pair()
x.other = y
y.other = x
x = Pair()
y = Pair()
x.other = y
y.other = x
x = Pair()
y = Pair()
x.other = y
y.other = x
x = y = None
f = 0.5
f = f + 1.0
f = f + 1.0
f = None
pymem_record.mark("collect-pairs")
n = gc.collect()
pymem_record.mark("self-lists")
a = []
a.append(a)
a = []
a.append(a)
a = None
pymem_record.mark("collect-self-lists-gen0")
n = gc.collect(0)
pymem_record.mark("weakref")
x = Pair()
x.other = x
w = weakref.ref(x, cb)
x = None
pymem_record.mark("collect-weakref")
n = gc.collect()
pymem_record.mark("finalizer-and-method")
w = None
x = WithDel()
x.other = x
x = None
o = WithMethod()
o.m = o.method
o = None
pymem_record.mark("collect-finalizer-and-method")
n = gc.collect()
pymem_record.mark("end")
