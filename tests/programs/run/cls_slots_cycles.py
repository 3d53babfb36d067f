import gc
import sys
class Pair:
    __slots__ = ("left", "right")
    def __init__(self):
        self.left = None
        self.right = None
gc.collect()
a = Pair()
b = Pair()
a.left = b
b.right = a
v = [1, 2]
a.right = v
print(sys.getrefcount(a), sys.getrefcount(b), sys.getrefcount(v))
a.right = None
print(sys.getrefcount(v))
del a.left
print(sys.getrefcount(b))
a.left = b
del a, b
print(gc.collect())
items = []
for i in range(10):
    p = Pair()
    p.left = p
    items.append(sys.getsizeof(p))
del p
print(items[0], len(items), gc.collect())
