import sys
class Shape:
    def __init__(self, name):
        self.name = name
    def area(self):
        return 10
    def describe(self):
        return self.name + " " + str(self.area())
class Rect(Shape):
    def __init__(self, w, h):
        Shape.__init__(self, "rect")
        self.w = w
        self.h = h
    def area(self):
        return self.w * self.h
class Square(Rect):
    def __init__(self, s):
        Rect.__init__(self, s, s)
        self.name = "square"
shapes = [Shape("none"), Rect(20, 30), Square(40)]
for s in shapes:
    print(s.describe(), sys.getsizeof(s.__dict__))
print(sys.getrefcount(Shape), sys.getrefcount(Rect), sys.getrefcount(Square))
print(isinstance(shapes[2], Shape), isinstance(shapes[1], Square))
