class A:
    pass
class B:
    pass
a = A()
print(isinstance(a, A), isinstance(a, B), isinstance(1, A))
print(type(a).__name__)
b = B()
print(isinstance(b, B), isinstance(A, A))
