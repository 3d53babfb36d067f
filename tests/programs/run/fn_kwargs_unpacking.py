import sys
def f(a, b):
    return sys.getrefcount(a)
def g(**kw):
    return sys.getrefcount(kw['a']), sys.getsizeof(kw), len(kw)
v = [1]
d = {'a': v, 'b': 2}
print(sys.getrefcount(v), f(**d), g(**d), f(v, **{'b': 1}))
t = (5, [6])
ti = id(t)
del t
f(**d)
u = (7, [8])
print(id(u) == ti)
def h(x, y=0, **rest):
    return x, y, rest, rest is d
print(h(**{'x': 1}), h(1, **{'z': 3}), h(**d) if False else h(1, **{'y': 2, 'q': 3}))
e = {}
print(f([1], [2], **e), g(**{'a': [0], 'c': 1}))
big = {'a': [1], 'b': 2, 'c': 3, 'd': 4, 'e': 5, 'f': 6}
print(g(**big))
