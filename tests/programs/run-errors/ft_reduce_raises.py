import functools
class D:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print('del', self.n)
def f(a, b):
    if b.n == 3:
        raise ValueError('three')
    return D(a.n + b.n)
try:
    functools.reduce(f, [D(1), D(2), D(3), D(4)])
except ValueError as e:
    print('caught', e)
print('again')
def g(a, b):
    if b == 3:
        raise ValueError('three')
    return a + b
functools.reduce(g, [1, 2, 3, 4])
