import sys
class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y)
    def __repr__(self):
        return "Vec(" + str(self.x) + ", " + str(self.y) + ")"
a = Vec(10, 20)
b = Vec(100, 200)
c = a + b
print(c, a * 3, b - a)
print(sys.getsizeof(c), sys.getrefcount(c))
a += b
print(a, sys.getrefcount(a))
s = Vec(10, 10)
for i in range(5):
    s = s + Vec(i * 10, 11)
print(s)
