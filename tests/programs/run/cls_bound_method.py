import sys
class A:
    def f(self, x):
        return x * 2
a = A()
print(sys.getrefcount(a))
m = a.f
print(sys.getrefcount(a), sys.getsizeof(m))
print(m(21))
n = a.f
print(m is n, sys.getrefcount(a))
del m
del n
print(sys.getrefcount(a))
print(A.f(a, 4))
