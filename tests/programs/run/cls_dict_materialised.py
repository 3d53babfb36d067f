import sys
class A:
    def __init__(self, x):
        self.x = x
a = A(1)
d = a.__dict__
print(sys.getrefcount(d), sys.getsizeof(d))
print(d is a.__dict__)
a.y = 2
print(len(d), d["y"])
d2 = a.__dict__
print(d2 is d, sys.getrefcount(d))
del a
print(sys.getrefcount(d), len(d), sys.getsizeof(d))
