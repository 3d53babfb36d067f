import sys
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    @classmethod
    def origin(cls):
        return cls(0, 0)
    @classmethod
    def diagonal(cls, n):
        return cls(n, n)
    @staticmethod
    def distance2(a, b):
        return (a.x - b.x) ** 2 + (a.y - b.y) ** 2
o = Point.origin()
d = Point.diagonal(3)
print(o.x, o.y, d.x, d.y, Point.distance2(o, d))
print(isinstance(o, Point), sys.getsizeof(o))
pts = []
for i in range(4):
    pts.append(Point.diagonal(i))
print(sum([Point.distance2(o, p) for p in pts]))
print(sys.getrefcount(Point))
