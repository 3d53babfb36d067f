import sys
class A:
    pass
print(sys.getrefcount(A))
a = A()
print(sys.getrefcount(A), sys.getrefcount(a))
b = A()
c = A()
print(sys.getrefcount(A))
del b
print(sys.getrefcount(A))
x = [a, a, c]
print(sys.getrefcount(a), sys.getrefcount(c))
del x
print(sys.getrefcount(a))
