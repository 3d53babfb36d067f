import functools
import sys
def f(a, b):
    print(sys.getrefcount(a), sys.getrefcount(b))
    return b
def g(a):
    print(sys.getrefcount(a))
    return a
k = 1000
x = 5 * k
y = 6 * k
p = functools.partial(f, x)
print(p(y) is y)
r = functools.partial(f)
r(x, y)
q = functools.partial(f, x, y)
q()
print(functools.partial(g)(x) is x)
print(sys.getsizeof(p), sys.getsizeof(p.keywords), sys.getsizeof(p.args), sys.getsizeof(r.args))
print(sys.getrefcount(x), sys.getrefcount(p.args), sys.getrefcount(p), sys.getrefcount(f))
print(p.func is f, p.args, p.keywords, len(r.args), len(q.args), q.args[1] is y)
del p, q, r
print(sys.getrefcount(x), sys.getrefcount(f))
