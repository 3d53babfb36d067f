# An instance with __slots__: no __dict__, its class's descriptors are the candidates.
class Square:
    __slots__ = ("side",)

    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side**2


s = Square(2)
print(s.side)
print(s.aera())
