import sys
class Box:
    def __init__(self, w, h):
        self.w = w
        self.h = h
    @property
    def area(self):
        return self.w * self.h
    @property
    def items(self):
        return [self.w, self.h]
b = Box(3, 4)
print(b.area, b.area + 1)
xs = b.items
print(xs, sys.getsizeof(xs), xs is b.items)
print(sys.getrefcount(b))
total = 0
for i in range(5):
    total += Box(i, i).area
print(total)
print(type(Box.area).__name__)
