import sys
import weakref
s = {1, 2, 3}
def dead(r):
    print('set died')
r = weakref.ref(s, dead)
r2 = weakref.ref(s)
print(weakref.getweakrefcount(s), sys.getsizeof(r2))
s.add(4)
print(len(r()))
s = None
print(r() is None, r2() is None)
