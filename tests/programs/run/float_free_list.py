import sys
a = 2.5
x = a * 3.0
i = id(x)
del x
y = a * 5.0
print(id(y) == i, y, sys.getsizeof(y))
z = a + 1.0
print(id(z) == i, z)
