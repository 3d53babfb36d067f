import sys
class A:
    pass
print(sys.getsizeof(A))
class B:
    def __init__(self):
        self.x = 1
        self.y = 2
print(sys.getsizeof(B))
b = B()
print(sys.getsizeof(B))
class C(B):
    pass
print(sys.getsizeof(C))
c = C()
print(sys.getsizeof(C), sys.getsizeof(c), sys.getsizeof(c.__dict__))
