import sys
def f(*args, scale=1, **rest):
    return [a * scale for a in args], rest, sys.getsizeof(rest)
xs = [1, 2]
print(f(*xs, scale=3))
print(f(*xs, scale=2, tag='t'))
print(f(*(5,), tag='one', other='two'))
v = [0]
def g(*args, k):
    return sys.getrefcount(k)
print(sys.getrefcount(v), g(*xs, k=v))
