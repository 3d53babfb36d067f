import gc
import sys
import weakref
gc.collect()
class Holder:
    pass
def note(r):
    print('note', r() is None, sys.getrefcount(r))
h = Holder()
h.cycle = [h]
keep = weakref.ref(h, note)
print(weakref.getweakrefcount(h))
h = None
print('unreachable', gc.collect())
print(keep() is None, weakref.getweakrefcount(keep))
print(gc.collect())
