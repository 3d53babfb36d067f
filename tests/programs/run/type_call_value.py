import sys
x = [3, 1, 2]
t = type(x)
y = t(x)
print(y, y is x, y == x, sys.getsizeof(y))
n = type(5)("42")
print(n + 1, type(n))
s = type("")(12)
print(repr(s), type(0.5)(3))
print(type(())([1, 2]), type({1})([2, 2, 3]))
