import gc
import sys
gc.collect()
l = []
for i in range(20):
    l.append(i)
d = {}
for i in range(10):
    d[i] = i
print(sys.getsizeof(l), sys.getsizeof(d))
gc.collect()
print(sys.getsizeof(l), sys.getsizeof(d))
print(len(l), len(d))
