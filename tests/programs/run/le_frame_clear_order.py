class D:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print('del', self.n)
class K:
    def __init__(self, a, b):
        self.x = 1
        t = D('t')
    def m(self, a, b):
        y = D('y')
        return 0
    def n(self, a, k=None):
        return 0
k = K(D('ia'), D('ib'))
print('--')
k.m(D('ma'), D('mb'))
k.n(D('na'), D('nk'))
def star(a, *rest, k=None, **kw):
    w = D('w')
star(D('sa'), D('sr1'), D('sr2'), k=D('sk'), z=D('sz'))
print('--')
def outer(p, q):
    c = D('cell')
    def inner():
        return c
    r = D('r')
    return 1
outer(D('p'), D('q'))
print('--')
lam = lambda u, v: None
lam(D('u'), D('v'))
print('--')
def fails(e1, e2):
    z = D('z')
    raise ValueError('x')
try:
    fails(D('e1'), D('e2'))
except ValueError:
    print('caught')
print('--')
def dflt(a, b=None, c=None):
    return a
dflt(D('d1'), c=D('d3'))
print('end')
