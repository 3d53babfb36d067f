import sys
class A:
    def __init__(self):
        self.x = 1
class B(A):
    def __init__(self):
        self.x = 1
        self.y = 2
a = A()
b = B()
print(sys.getsizeof(a), sys.getsizeof(b))
print(sys.getsizeof(a.__dict__), sys.getsizeof(b.__dict__))
b2 = B()
print(sys.getsizeof(b2.__dict__))
