import sys
xs = [1, 2, 3]
for x in reversed(xs):
    print(x, sys.getrefcount(xs))
print(sys.getrefcount(xs))
r = reversed(xs)
print(sys.getsizeof(r), sys.getrefcount(xs))
for x in r:
    pass
print(sys.getrefcount(xs))
del r
print(sys.getrefcount(xs))
t = tuple(xs)
rt = reversed(t)
print(sys.getsizeof(rt), sys.getrefcount(t))
for x in rt:
    print(x, end=' ')
print(sys.getrefcount(t))
for i, x in enumerate(reversed(xs)):
    print(i, x)
print(sorted(xs, reverse=True) == list(reversed(xs)) if False else sorted(xs, reverse=True))
