# Unary operator methods (__neg__, __pos__, __invert__, abs()'s __abs__) and a class
# body binding one of its names to another (`__rmul__ = __mul__`, `__str__ = __repr__`).
import sys


class Vector:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __add__(self, o):
        return Vector(self.x + o.x, self.y + o.y)

    def __mul__(self, k):
        return Vector(self.x * k, self.y * k)

    __rmul__ = __mul__

    def __neg__(self):
        return Vector(-self.x, -self.y)

    def __pos__(self):
        return self

    def __invert__(self):
        return Vector(self.y, self.x)

    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5

    def __repr__(self):
        return f"Vector({self.x!r}, {self.y!r})"

    __str__ = __repr__
    scale = __mul__


v = Vector(3, 4)
w = Vector(1, 1)
print(v + w, v * 2, 3 * w, abs(v), -v, +v is v, ~v)
print(str(v), v.scale(10), Vector.__rmul__ is Vector.__mul__)
m = Vector.__mul__
print(sys.getrefcount(m))
del m
print(abs(-Vector(0, -2)), abs(-3), -(-w).x)
class Plain:
    pass


try:
    abs(Plain())
except TypeError as e:
    print(e)
try:
    -Plain()
except TypeError as e:
    print(e)
