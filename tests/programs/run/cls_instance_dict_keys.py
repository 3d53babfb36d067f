# Instances, classes and functions as dict keys: object.__hash__ (identity); a class
# with __eq__ and no __hash__ has __hash__ = None, so its instances are unhashable.
import sys
class Point:
    def __init__(self, x):
        self.x = x
class Valued:
    def __init__(self, x):
        self.x = x
    def __eq__(self, other):
        return self.x == other.x
def f():
    return 1
p = Point(1)
q = Point(1)
seen = {p: 'p', q: 'q', Point: 'class', f: 'function'}
print(len(seen), seen[p], seen[q], seen[Point], seen[f], p in seen, Point(1) in seen)
print(sys.getrefcount(p), sys.getrefcount(Point) > 2, sys.getsizeof(seen))
del seen[p]
print(len(seen), p in seen, sys.getrefcount(p))
try:
    seen[Valued(1)] = 'v'
except TypeError as e:
    print('TypeError:', e)
print(Valued(1) == Valued(1), Valued(1) == Valued(2))
