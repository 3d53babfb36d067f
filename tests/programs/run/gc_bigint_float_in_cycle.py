import gc
import sys
gc.collect()
n = 30
big = 10 ** n
f = n / 4
a = [big, f]
a.append(a)
print(sys.getrefcount(big), sys.getrefcount(f))
del a
print(gc.collect())
print(sys.getrefcount(big), sys.getrefcount(f))
