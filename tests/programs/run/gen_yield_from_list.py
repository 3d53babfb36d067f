import sys
def chain(a, b):
    yield from a
    yield from b
xs = [10, 20]
ys = (30, 40)
print(sys.getrefcount(xs))
g = chain(xs, ys)
print(next(g), sys.getrefcount(xs))
print(next(g), sys.getrefcount(xs))
print(next(g), sys.getrefcount(xs))
print(next(g), next(g, None), sys.getrefcount(xs))
