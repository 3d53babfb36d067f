import sys
class Slot:
    pass
s = Slot()
a = [1]
b = [2]
s.v = a
print(sys.getrefcount(a), sys.getrefcount(b))
s.v = b
print(sys.getrefcount(a), sys.getrefcount(b))
s.v = s.v
print(sys.getrefcount(b))
x = 1000
s.w = x
print(s.w is x)
s.w = s.w + 1
print(s.w, s.w is x)
