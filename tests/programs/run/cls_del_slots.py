import sys
class Slim:
    __slots__ = ("v",)
    def __init__(self, v):
        self.v = v
    def __del__(self):
        print("slim del", self.v, sys.getsizeof(self))
s = Slim(100)
t = Slim(200)
print(sys.getsizeof(s))
s = t
print("rebound")
del t
print("t gone")
del s
print("end")
