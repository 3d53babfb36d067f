import sys
def kw(**options):
    return sys.getsizeof(options), len(options)
print(kw())
print(kw(a=1))
print(kw(a=1, b=2, c=3, d=4, e=5))
print(kw(a=1, b=2, c=3, d=4, e=5, f=6))
print(kw(a=1, b=2, c=3, d=4, e=5, f=6, g=7, h=8, i=9, j=10, k=11))
def mixed(a, b=2, *rest, c, d=4, **more):
    return a, b, rest, c, d, more
print(mixed(1, c=3))
print(mixed(1, 2, 3, 4, c=5, d=6, e=7))
