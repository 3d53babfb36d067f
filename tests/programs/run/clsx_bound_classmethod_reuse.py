import sys
class A:
    @classmethod
    def k(cls, x):
        return x + 1
    def m(self):
        return 0
a = A()
b1 = A.k
i = id(b1)
del b1
b2 = a.m
print(id(b2) == i, b2(), sys.getsizeof(b2))
del b2
b3 = a.k
print(b3(41), sys.getsizeof(b3), sys.getrefcount(A))
