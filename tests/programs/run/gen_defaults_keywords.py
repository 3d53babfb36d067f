import sys
def ranged(start, stop=5, step=1):
    i = start
    while i < stop:
        yield i
        i += step
a = list(ranged(1))
b = list(ranged(0, step=2))
c = list(ranged(stop=3, start=1))
print(a, b, c)
g = ranged(0, 10, 3)
print(sys.getsizeof(g), next(g), next(g))
