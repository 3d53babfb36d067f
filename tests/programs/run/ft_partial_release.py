import functools
class D:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print('del', self.n)
def f(a, b, c):
    return a.n + b.n + c.n
p = functools.partial(f, D(1), D(2))
print(p(D(3)))
print('drop')
del p
six = D(6)
q = functools.partial(f, D(4))
print(q(D(5), six))
q = None
del six
print('end')
