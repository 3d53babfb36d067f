import sys
class A:
    def __init__(self, x):
        print("A.init", sys.getrefcount(self), sys.getrefcount(x))
        self.x = x
    def f(self, v):
        return sys.getrefcount(self)
class B(A):
    def __init__(self, x):
        super().__init__(x)
        self.y = 1
    def f(self, v):
        return super().f(v) * 100 + sys.getrefcount(self)
print(sys.getrefcount(B), sys.getrefcount(A))
v = [1]
b = B(v)
print(b.f(v))
print(b.x is v, b.y)
