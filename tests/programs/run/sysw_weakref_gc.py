import gc
import weakref
gc.collect()
class Cell:
    pass
def report(r):
    print('collected', r() is None)
a = Cell()
b = Cell()
a.other = b
b.other = a
ra = weakref.ref(a, report)
rb = weakref.ref(b)
del a, b
print('before', ra() is not None, rb() is not None)
print(gc.collect())
print('after', ra() is None, rb() is None)
