import sys
a = 'hello'
b = a + ' world'
print(b, len(b), sys.getsizeof(b))
c = a + ''
print(c is a)
d = '' + a
print(d is a)
e = b + '!'
print(e, sys.getsizeof(e))
f = a + 'é'
print(f, sys.getsizeof(f))
g = f + '€'
print(g, sys.getsizeof(g))
