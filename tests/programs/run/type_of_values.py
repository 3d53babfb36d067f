import sys

class Point:
    pass

values = [1, 2.5, "s", [1], (1,), {1: 2}, {1}, frozenset(), None, True, b"xy", Point(), Point]
for v in values:
    print(type(v))
print(type(1) is int, type(True) is int, type(True) == bool, type([]) is not list)
print(type("a") == str, type(1.0) != float, type(Point()) is Point, type(Point) is type)
t = type([1, 2])
print(t, t is list, type(t) is type)
a, b = 3, 4
print(type(a) is type(b), type(a) is type(2.0))
def kind(x):
    if type(x) is dict:
        return "dict"
    if type(x) is list or type(x) is tuple:
        return "sequence"
    return type(x).__name__
print([kind(v) for v in ({}, [], (), 5, "z")])
p = Point()
print(sys.getrefcount(p), type(p) is type(Point()))
