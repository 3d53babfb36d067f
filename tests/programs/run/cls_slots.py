import sys
import gc
gc.collect()
class P:
    __slots__ = ("y", "x")
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def total(self):
        return self.x + self.y
print(sys.getsizeof(P), sys.getrefcount(P))
p = P(10, 20)
print(sys.getsizeof(p), p.total(), sys.getrefcount(p))
v = [1]
p.x = v
print(sys.getrefcount(v))
print(gc.is_tracked(p))
del p
del P
print(gc.collect())
class W:
    __slots__ = ("a", "__weakref__")
w = W()
print(sys.getsizeof(w), sys.getsizeof(W))
del w
del W
print(gc.collect())
