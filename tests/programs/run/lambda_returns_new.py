import sys
make = lambda n: [n] * 3
a = make(5)
b = make(5)
print(a == b, a is b, sys.getsizeof(a))
pair = lambda: (make(1), make(2))
p = pair()
print(p, sys.getrefcount(p[0]))
