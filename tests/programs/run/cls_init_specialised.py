import sys
class A:
    def __init__(self, x):
        print("init", sys.getrefcount(self), sys.getrefcount(x))
        self.x = x
    def get(self, y):
        print("get", sys.getrefcount(self), sys.getrefcount(y))
        return self.x
v = [1]
for i in range(3):
    a = A(v)
    a.get(v)
    m = a.get
    m(v)
    A.get(a, v)
