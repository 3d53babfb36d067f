class W:
    def __init__(self, v):
        self.v = v
objs = []
for i in range(40):
    objs.append(W(i))
class A:
    @staticmethod
    def s(x):
        return [x]
    @classmethod
    def k(cls, x):
        return (x, x)
    @property
    def p(self):
        return 7
a = objs.pop()
del a
b = W(98)
a = objs.pop()
i = id(a)
del a
m = A.k
print(id(m) == i, m(1))
j = id(m)
del m
n = A.k
print(n(2), j != 0)
print(A.s(3), A().p)
