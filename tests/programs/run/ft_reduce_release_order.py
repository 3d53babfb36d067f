import functools
class D:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print('del', self.n)
def add(a, b):
    print('add', a.n, b.n)
    return D(a.n + b.n)
print(functools.reduce(add, [D(1), D(2), D(3), D(4)]).n)
print('with initial')
r = functools.reduce(add, [D(5), D(6)], D(100))
print('result', r.n)
del r
print('one item', functools.reduce(add, [D(7)]).n)
print('empty', functools.reduce(add, [], D(8)).n)
print('end')
