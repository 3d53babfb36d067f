import sys
class A:
    @staticmethod
    def s(x):
        return sys.getrefcount(x)
    @classmethod
    def k(cls, x):
        return sys.getrefcount(x)
    def m(self, x):
        return sys.getrefcount(x)
v = [1, 2]
print(A.s(v), A().s(v), A.k(v), A().k(v), A().m(v))
print(sys.getrefcount(A.s), sys.getrefcount(A.k))
f = A.s
print(sys.getrefcount(f))
a = A()
for i in range(3):
    print(a.s(v), a.k(v))
