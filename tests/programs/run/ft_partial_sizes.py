import functools
import sys
def f(a, b, c):
    return a + b + c
k = 1000
x = 5 * k
p = functools.partial(f, x)
q = functools.partial(f, x, x)
r = functools.partial(f)
print(sys.getsizeof(p), sys.getsizeof(q), sys.getsizeof(r))
print(sys.getsizeof(p.args), sys.getsizeof(q.args), sys.getsizeof(r.args), sys.getsizeof(p.keywords))
print(sys.getrefcount(x), sys.getrefcount(f), sys.getrefcount(p), sys.getrefcount(q.args))
print(q(1), p(2, 3), r(4, 5, 6))
s = p
del p
print(sys.getrefcount(s), sys.getrefcount(x))
del q, r, s
print(sys.getrefcount(x), sys.getrefcount(f))
