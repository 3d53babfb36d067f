import sys
class WithDict:
    def __init__(self, a, b, c):
        self.a = a
        self.b = b
        self.c = c
class WithSlots:
    __slots__ = ("a", "b", "c")
    def __init__(self, a, b, c):
        self.a = a
        self.b = b
        self.c = c
d = WithDict(1, 2, 3)
s = WithSlots(1, 2, 3)
print(sys.getsizeof(d), sys.getsizeof(d.__dict__), sys.getsizeof(s))
print(sys.getsizeof(WithDict), sys.getsizeof(WithSlots))
print(s.a + s.b + s.c, d.a + d.b + d.c)
t = WithSlots(10, 20, 30)
i = id(t)
del t
u = WithSlots(40, 50, 60)
print(id(u) == i, u.b)
