import sys

class Point:
    pass

class Point3(Point):
    pass

class Oops(ValueError):
    pass

p = Point3()
n1 = type(p).__name__
n2 = Point3.__name__
print(n1, n2, n1 is n2, type(p).__name__ is Point3.__name__)
x = 5
a = type(x).__name__
b = type(x).__name__
print(a, a == b, a is b, sys.getrefcount(a))
print(Point, Point3, Oops)
print(Point3.__mro__, len(Point3.__mro__))
print(Oops.__mro__)
for k in Point3.__mro__:
    print(k.__name__, end=" ")
print()
print([Point, Point3], {"cls": Oops})
print(issubclass(Point3, Point), issubclass(Point, Point3), issubclass(Point3, (Oops, Point)))
print(issubclass(Oops, Oops), issubclass(Point, (Oops,)))
print(isinstance(p, (Oops, Point)), isinstance(p, (Oops,)), isinstance(x, (str, int)))
t = (x, x)
before = id(t)
del t
r = isinstance(x, (int, str))
u = (x, 8)
print(id(u) == before)
try:
    raise Oops("bad")
except ValueError as e:
    print(type(e).__name__, type(e).__name__ is Oops.__name__, isinstance(e, (KeyError, Oops)))
