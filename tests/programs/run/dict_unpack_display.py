import sys
a = {'x': 1, 'y': 2}
b = {'y': 3, 'z': 4}
c = {**a}
print(c, c == a, c is a, sys.getsizeof(c))
d = {**a, **b}
print(d, sys.getsizeof(d))
e = {'w': 0, **a, 'q': 9}
print(e, sys.getsizeof(e))
f = {**a, 'k': 5}
print(f, sys.getsizeof(f))
g = {**{}}
print(g, sys.getsizeof(g))
defaults = {'color': 'red', 'size': 10}
options = {'size': 12}
merged = {**defaults, **options}
print(merged, sys.getsizeof(merged), sys.getrefcount(merged))
big = {i: i for i in range(20)}
print(sys.getsizeof({**big}), sys.getsizeof({**big, 'extra': 1}))
ids = [id(x) == id(y) for x, y in [(c, d)]]
print(ids)
if sys.version_info >= (3, 9):
    u = a | b
    print(u, sys.getsizeof(u))
    a2 = a
    a2 |= {'n': 7}
    print(a, a2 is a, sys.getsizeof(a))
else:
    print('no dict union before 3.9')


def make():
    return {'k': 1, **a}


r1 = make()
saved = id(r1)
del r1
r2 = {}
r3 = {}
print(id(r2) == saved, id(r3) == saved)
