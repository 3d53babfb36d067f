# Instances compared inside containers: `in`, index, count, remove and == of lists and
# tuples call the class's __eq__ in CPython's order (3.8 asks the looked-for value
# first in `in`; index/count/remove and deque ask the stored item first).
from collections import deque


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __eq__(self, other):
        print('eq', self.x, other.x if isinstance(other, Point) else other)
        if not isinstance(other, Point):
            return NotImplemented
        return self.x == other.x and self.y == other.y


a, b, c = Point(1, 1), Point(2, 2), Point(3, 3)
points = [a, b, c]
print('in list', Point(2, 2) in points, Point(9, 9) in points)
print('in tuple', Point(3, 3) in (a, b, c))
print('is first', a in points)
print('index', points.index(Point(2, 2)))
print('count', points.count(Point(1, 1)))
points.remove(Point(2, 2))
print(len(points))
print('list ==', [a, b] == [Point(1, 1), Point(2, 2)], [a] == [b])
print('tuple ==', (a, 1) == (Point(1, 1), 1), (a,) != (b,))
print('int in', 5 in points)
print('deque', Point(3, 3) in deque([a, c]))
print('in values', Point(3, 3) in {1: a, 2: c}.values())
print('deque index', deque([a, b, c]).index(Point(2, 2)))
try:
    deque([1, 2]).index(7)
except ValueError as e:
    print(e)
