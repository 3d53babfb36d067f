import sys
import weakref
class Box:
    pass
def gone(ref):
    print('gone', ref() is None, sys.getrefcount(ref))
b = Box()
r = weakref.ref(b, gone)
print(weakref.getweakrefcount(b), r() is b)
print(sys.getsizeof(r))
del b
print('after', r() is None)
