import weakref
class A:
    pass
a = A()
plain = weakref.ref(a)
r1 = weakref.ref(a, lambda r: print('first made'))
r2 = weakref.ref(a, lambda r: print('second made'))
r3 = weakref.ref(a, lambda r: print('third made'))
print(weakref.getweakrefcount(a))
a = None
print('done', plain() is None)
