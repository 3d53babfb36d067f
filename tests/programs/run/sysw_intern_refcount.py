import sys
a = ''.join(['one ', 'two'])
print(sys.getrefcount(a) < 10)
b = sys.intern(a)
print(b is a)
del b
c = ''.join(['one ', 'two'])
d = sys.intern(c)
print(d is a, d is c)
del d
print(sys.getrefcount(c))
del a
e = ''.join(['one ', 'two'])
f = sys.intern(e)
print(f is e, f is c)
