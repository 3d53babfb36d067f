import sys
import gc
class Point:
    """A point in the plane."""
    def __init__(self, x, y):
        self.x = x
        self.y = y
class Shape:
    """A shape.

    Shapes have an area and a name; this docstring
    spans several lines.
    """
    sides = 0
print(sys.getsizeof(Point), sys.getsizeof(Shape))
p = Point(1, 2)
print(p.x + p.y, sys.getsizeof(p))
class Temp:
    """Made and dropped."""
del Temp
print(gc.collect())
class Again:
    """Made and dropped again, with a longer docstring than the first one here."""
    def method(self):
        return 1
print(Again().method())
del Again
print(gc.collect())
