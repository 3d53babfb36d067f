import sys
class Rec:
    def __init__(self):
        self.a = 1
        self.b = 2
        self.c = 3
        self.d = 4
        self.e = 5
r = Rec()
print(sys.getsizeof(r), sys.getsizeof(r.__dict__))
r2 = Rec()
print(sys.getsizeof(r2.__dict__))
r2.f = 6
print(sys.getsizeof(r2.__dict__), len(r2.__dict__))
print(sys.getsizeof(r.__dict__))
