import sys
def spread(n):
    yield from range(n)
    yield from (100, 200)
g = spread(3)
print(sys.getsizeof(g))
print(next(g), next(g), next(g), next(g), next(g), next(g, 'end'))
