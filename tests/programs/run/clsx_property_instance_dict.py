import sys
class P:
    def __init__(self):
        self.x = 10
    @property
    def double(self):
        return self.x * 2
    @property
    def me(self):
        return self
p = P()
print(p.double, sys.getsizeof(p))
p.x = 21
print(p.double)
print(p.me is p, sys.getrefcount(p))
q = p.me
print(sys.getrefcount(p))
del q
xs = [P() for i in range(3)]
print([o.double for o in xs])
