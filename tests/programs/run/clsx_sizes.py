import sys
class A:
    @staticmethod
    def s(x):
        return x
    @classmethod
    def k(cls):
        return cls
    @property
    def p(self):
        return 1
print(sys.getsizeof(A.p), sys.getsizeof(A.k), sys.getsizeof(A.s))
print(sys.getsizeof(A), A.k() is A, A().p)
