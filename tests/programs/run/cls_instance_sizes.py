import sys
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
p = Point(1, 2)
print(sys.getsizeof(p))
d = p.__dict__
print(sys.getsizeof(d), len(d))
print(d["x"], d["y"])
print(sys.getrefcount(p), sys.getrefcount(d))
q = Point(3, 4)
print(sys.getsizeof(q), sys.getsizeof(q.__dict__))
