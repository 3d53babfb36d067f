import gc
import sys
class Holder:
    def __init__(self):
        self.items = []
gc.collect()
h = Holder()
h.items.append(h)
print(sys.getrefcount(h))
del h
print(gc.collect())
a = Holder()
b = Holder()
a.items.append(b)
b.items.append(a)
a.items.append([1, 2, 3])
del a, b
print(gc.collect())
