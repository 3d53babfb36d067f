import sys
def f(a, *, scale=2, offset):
    return a * scale + offset
print(f(1, offset=10), f(1, offset=10, scale=5))
print(sys.getsizeof(f))
default = [0]
def g(*, d=default):
    return d
print(sys.getrefcount(default))
print(g() is default, sys.getrefcount(default))
del g
print(sys.getrefcount(default))
def h(x, *args, key=None, **rest):
    return x, args, key, rest
print(h(1, 2, key='k', other=3))
