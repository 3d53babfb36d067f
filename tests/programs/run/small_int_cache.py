a = 256
b = int('256')
print(a is b)
c = 257
d = int('257')
print(c is d, c == d)
e = -5
f = int('-5')
print(e is f)
g = -6
h = int('-6')
print(g is h)
x = 100
y = x + 156
print(y is 256)
z = x + 157
print(z is 257, z)
