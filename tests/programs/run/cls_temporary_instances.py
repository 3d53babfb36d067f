import sys
class Pair:
    def __init__(self, a, b):
        self.a = a
        self.b = b
    def total(self):
        return self.a + self.b
print(Pair(1, 2).total())
x = [10]
print(sys.getrefcount(x))
print(Pair(x, x).a is x)
print(sys.getrefcount(x))
p = Pair(x, [])
print(sys.getrefcount(x))
p.a = None
print(sys.getrefcount(x))
