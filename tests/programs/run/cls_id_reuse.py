class A:
    def __init__(self, v):
        self.v = v
    def f(self):
        return self.v
objs = []
for i in range(40):
    objs.append(A(i))
# The first block freed may sit in a pool start-up left half full: warm up once.
a = objs.pop()
del a
b = A(98)
a = objs.pop()
i = id(a)
del a
b = A(99)
print(id(b) == i, b.v)
m = b.f
j = id(m)
del m
n = b.f
print(id(n) == j, n())
