import sys
a = [1]
ida = id(a)
del a
b = list((1, 2))
print(id(b) == ida, sys.getsizeof(b))
c = [3]
print(id(c) == ida)
del c
e = list()
print(id(e) == ida, sys.getsizeof(e))
f = [x for x in range(3)]
print(id(f) == ida, sys.getsizeof(f))
g = list(range(5))
print(sys.getsizeof(g), sys.getrefcount(g))
