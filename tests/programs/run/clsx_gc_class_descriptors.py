import gc
gc.collect()
class A:
    @staticmethod
    def s(x):
        return x
    @classmethod
    def k(cls):
        return 1
    @property
    def p(self):
        return 2
print(A.s(5), A.k(), A().p)
del A
print(gc.collect())
class B:
    @staticmethod
    def s(x):
        return x
del B
print(gc.collect())
class C:
    @property
    def p(self):
        return 3
    def m(self):
        return 4
c = C()
print(c.p, c.m())
del C
print(gc.collect())
del c
print(gc.collect())
