import sys
import weakref
class Item:
    def __init__(self, n):
        self.n = n
items = [Item(i) for i in range(4)]
refs = [weakref.ref(x) for x in items]
print([r() is x for r, x in [(refs[0], items[0]), (refs[3], items[3])]])
print(sys.getrefcount(items[1]), sys.getrefcount(refs[1]))
items.pop()
print(refs[3]() is None, refs[2]() is items[2])
del items
print([r() is None for r in refs])
