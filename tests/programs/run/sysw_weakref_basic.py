import sys
import weakref
class Node:
    pass
n = Node()
r = weakref.ref(n)
print(r() is n, weakref.getweakrefcount(n))
r2 = weakref.ref(n)
print(r2 is r, weakref.getweakrefcount(n))
print(sys.getsizeof(r), sys.getrefcount(r))
print(sys.getrefcount(n))
del n
print(r() is None, r() is r2())
