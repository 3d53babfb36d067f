import sys
f = lambda: 1
g = lambda a, b=2: a
print(sys.getsizeof(f), sys.getsizeof(g))
print(sys.getrefcount(f))
