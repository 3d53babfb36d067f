import gc
import weakref
gc.collect()
class N:
    pass
a = N()
a.loop = a
r1 = weakref.ref(a, lambda r: print('one'))
r2 = weakref.ref(a, lambda r: print('two'))
r3 = weakref.ref(a)
print(weakref.getweakrefcount(a))
del a
print(gc.collect())
print(r1() is None, r3() is None)
