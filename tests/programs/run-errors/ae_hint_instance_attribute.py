# A misspelt instance attribute: the instance's own names, its classes' and object's.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
        self.label = "p"


p = Point(1, 2)
print(p.x, p.y)
print(p.lable)
