import gc
import weakref
class A:
    pass
class B(A):
    pass
class C(A):
    pass
print(weakref.getweakrefcount(A), weakref.getweakrefcount(B))
r = weakref.ref(B)
print(weakref.getweakrefcount(B), r() is B)
gc.collect()
del B
print(gc.collect(), r())
del C
print(gc.collect())
class D(A):
    pass
del D, A
print(gc.collect())
