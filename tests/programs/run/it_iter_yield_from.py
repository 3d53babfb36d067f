import sys
class C:
    def __init__(self):
        self.items = ['x', 'y']
    def __iter__(self):
        return iter(self.items)
class G:
    def __iter__(self):
        yield 1
        yield 2
o = C()
g2 = G()
def g():
    yield from o
    yield from g2
    print(sys.getrefcount(o), sys.getrefcount(g2))
print(list(g()), sys.getrefcount(o), sys.getrefcount(o.items))
