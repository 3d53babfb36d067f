import gc
import sys
class A:
    def f(self):
        return 1
gc.collect()
a = A()
a.m = a.f
print(sys.getrefcount(a), a.m())
del a
print(gc.collect())
