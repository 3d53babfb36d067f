import sys
class Calc:
    def __init__(self):
        self.acc = 0
    def add(self, v):
        self.acc = self.acc + v
        return self
    def double(self):
        return self.add(self.acc)
    def depth(self):
        return sys.getrefcount(self)
c = Calc()
c.add(3).add(4)
print(c.acc)
c.double()
print(c.acc, c.depth())
print(c.add(1) is c)
