import gc
import sys
gc.collect()
a = []
b = [a]
a.append(b)
print(sys.getrefcount(a), sys.getrefcount(b))
c = a
print(sys.getrefcount(a))
del c
print(gc.collect())
print(sys.getrefcount(a), sys.getrefcount(b))
