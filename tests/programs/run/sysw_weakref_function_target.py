import sys
import weakref
def target():
    return 42
def told(r):
    print('function died', r() is None)
rt = weakref.ref(target, told)
print(rt()(), sys.getrefcount(rt))
print(weakref.getweakrefcount(target))
del target
print(rt() is None)
