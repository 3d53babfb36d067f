import gc
import weakref
class P:
    pass
p = P()
r = weakref.ref(p)
print(gc.collect())
print(r() is p)
