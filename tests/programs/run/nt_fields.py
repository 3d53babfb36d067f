# Fields by name and by index are the same objects; _fields is the class's one tuple.
import sys
import collections

Point = collections.namedtuple('Point', ['x', 'y', 'z'])
v = [1, 2]
p = Point(v, 'text', 3.5)
print(p.x is v, p[0] is v, p[-3] is v, p.y, p[1], p.z, p[-1])
print(sys.getrefcount(v))
w = p.x
print(sys.getrefcount(v), w is p[0])
print(p._fields, p._fields is Point._fields, Point._fields[0] == 'x')
print(len(Point._fields), Point.__name__)
q = Point(z=0, y=1, x=2)
print(q, q.x, q.y, q.z)
print(Point(1, z=3, y=2))
