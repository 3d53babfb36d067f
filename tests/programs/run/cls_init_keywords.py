# A class called with keywords: the positional tuple, the keywords' dict, the instance,
# then the argument array and kwnames tuple _PyStack_UnpackDict makes for __init__.
import sys


class Point:
    def __init__(self, x, y=0, *, label='p'):
        self.x = x
        self.y = y
        self.label = label
        print(sys.getrefcount(x))


items = [1, 2]
p = Point(items, y=3)
q = Point(x=items, label='q')
print(sys.getrefcount(items), p.y, q.label, sys.getsizeof(p.__dict__))
ids = set()
for i in range(5):
    r = Point([i], y=[i])
    ids.add(id(r.y))
print(len(ids))
a = Point([0], label='a')
b = Point([1], y=a, label='b')
print(sys.getrefcount(a), b.y is a, sys.getsizeof(b))
del p, q, r, a, b
print(sys.getrefcount(items))
