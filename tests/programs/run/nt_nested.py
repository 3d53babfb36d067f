# Instances inside instances, lists and tuples: reprs nest, sizes stay a tuple's.
import sys
import collections

Point = collections.namedtuple('Point', 'x y')
Line = collections.namedtuple('Line', 'start end')
a = Point(0, 0)
b = Point(3, 4)
line = Line(a, b)
print(line, sys.getsizeof(line), sys.getrefcount(a), sys.getrefcount(b))
print(line.start.x, line[1][1], line.end is b)
pts = [a, b, Point(1, 1)]
print(pts, sys.getrefcount(a))
t = (line, a)
print(t, t[0] == ((0, 0), (3, 4)))
Box = collections.namedtuple('Box', 'items label')
box = Box([a, b], {'k': line})
print(box, sys.getrefcount(line))
del line, t, box
print(sys.getrefcount(a), sys.getrefcount(b))
