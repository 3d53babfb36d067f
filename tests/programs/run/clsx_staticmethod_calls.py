import sys
class Maths:
    @staticmethod
    def double(x):
        return x * 2
    @staticmethod
    def pair(a, b):
        return [a, b]
print(Maths.double(21), Maths().double(4))
m = Maths()
p = m.pair(1000, 2000)
print(p, sys.getsizeof(p))
f = Maths.double
g = m.double
print(f is g, type(f).__name__, sys.getrefcount(f))
del f
print(sys.getrefcount(g))
x = [7]
r = Maths.pair(x, x)
print(sys.getrefcount(x))
