import gc
import sys
class Base:
    def f(self):
        return 1
gc.collect()
print(sys.getrefcount(Base))
class Sub(Base):
    pass
print(sys.getrefcount(Base))
s = Sub()
print(s.f())
del s
del Sub
print(gc.collect())
print(sys.getrefcount(Base))
del Base
print(gc.collect())
