import sys
class V:
    def __init__(self, n):
        self.n = n
    def __eq__(self, other):
        return self.n == other.n
    def __lt__(self, other):
        return self.n < other.n
a = V(1)
b = V(1)
c = V(2)
print(a == b, a != b, a is b, a == c)
print(a < c, c < a, c > a, a > c)
print(V.__hash__ is None if False else 0)
class P:
    pass
p = P()
q = P()
print(p == q, p == p, p != q)
print(sys.getrefcount(a))
