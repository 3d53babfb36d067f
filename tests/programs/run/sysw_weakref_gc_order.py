import gc
import weakref
gc.collect()
class Cell:
    pass
x = Cell()
x.me = x
y = Cell()
y.me = y
x.y = y
rx1 = weakref.ref(x, lambda r: print('x first'))
rx2 = weakref.ref(x, lambda r: print('x second'))
ry = weakref.ref(y, lambda r: print('y'))
del x
del y
n = gc.collect()
print(n > 0, rx1() is None, ry() is None)
