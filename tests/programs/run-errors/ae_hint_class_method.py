# A misspelt method read from a class with a base: every class's dict along the MRO.
class Shape:
    def area(self):
        return 0

    def describe(self):
        return "shape"


class Square(Shape):
    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side**2


print(Square(2).area())
print(Square.descibe)
