import sys
import weakref
class T:
    pass
def never(r):
    print('never')
t = T()
r = weakref.ref(t, never)
print(weakref.getweakrefcount(t))
del r
print(weakref.getweakrefcount(t))
del t
print('end')
