import sys
class P:
    def __init__(self, v):
        self.v = v
def make(v):
    p = P(v)
    p.extra = v
    return p
x = [0]
p = make(x)
print(sys.getrefcount(p), sys.getrefcount(x))
q = make(x)
print(sys.getrefcount(x), p.v is q.v)
del p
del q
print(sys.getrefcount(x))
