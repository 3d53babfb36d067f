class D:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print('del', self.n)
    def __repr__(self):
        return 'D'
print(D(1), D(2))
print('--')
x = isinstance(D(3), int)
print('--')
class E:
    def __init__(self, a, b):
        pass
E(D(4), D(5))
print('--')
E(D(6), D(7))
print('--')
E(D(8), D(9))
print('--')
xs = []
xs.insert(0, D(10))
xs.clear()
print('--')
t = tuple([D(11), D(12)])
del t
print('--')
def f(a, b):
    return 0
f(D(13), D(14))
print('end')
