# Methods with *args and **kwargs: the frame's tuple and dict, their sizes and counts.
import sys


class Vector:
    def __init__(self, *components):
        self.components = components
        print(type(components).__name__, len(components), sys.getsizeof(components))

    def scaled(self, *factors, **options):
        print(len(factors), sorted(options), sys.getsizeof(options))
        return sys.getrefcount(factors) if factors else -1

    def total(self, start=0, *rest):
        return start + sum(self.components) + len(rest)


v = Vector(1, 2, 3)
w = Vector()
print(w.components == (), w.components is ())
print(v.scaled(2, 3))
print(v.scaled())
print(v.total(), v.total(10), v.total(10, 'a', 'b'))
args = [4, 5]
u = Vector(*args)
print(u.components, sys.getrefcount(u))
t = tuple(range(7, 10))
x = Vector(*t)
print(x.components is t, sys.getrefcount(t))
