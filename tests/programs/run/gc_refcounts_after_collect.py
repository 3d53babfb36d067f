import gc
import sys
gc.collect()
x = [1]
a = [x]
a.append(a)
print(sys.getrefcount(x))
del a
print(sys.getrefcount(x))
print(gc.collect())
print(sys.getrefcount(x))
