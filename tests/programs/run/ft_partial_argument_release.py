import functools
class D:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print('del', self.n)
def f(a, b, c):
    return a.n + b.n + c.n
q = functools.partial(f, D(4))
for i in range(2):
    print(q(D(5), D(6)))
def g(a, b):
    return D(a.n + b.n)
print(functools.reduce(g, [D(1)], D(2)).n)
del q
print('end')
