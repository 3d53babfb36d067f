import sys

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return self.x == other.x and self.y == other.y

    def __hash__(self):
        return hash((self.x, self.y))

    def __repr__(self):
        return f"Point({self.x}, {self.y})"

points = [Point(i % 3, i % 2) for i in range(12)]
unique = set(points)
print(len(unique), sorted(unique, key=lambda p: (p.x, p.y)))
print(unique)
print(Point(1, 1) in unique, Point(5, 5) in unique)
print(sys.getsizeof(unique), sys.getrefcount(points[0]))
s = {Point(0, 0)}
for p in points:
    s.add(p)
print(len(s), sys.getsizeof(s))
s.discard(Point(0, 0))
s.remove(Point(1, 1))
print(len(s), s)
print(hash(Point(1, 2)) == hash((1, 2)), hash(Point(3, 4)))
