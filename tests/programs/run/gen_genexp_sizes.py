import sys
xs = [1, 2, 3]
g1 = (x for x in xs)
g2 = (x * x for x in xs if x > 1)
g3 = (x + y for x in xs for y in (10, 20))
print(sys.getsizeof(g1), sys.getsizeof(g2), sys.getsizeof(g3))
print(type(g1).__name__)
r2 = list(g2)
r3 = list(g3)
print(r2, r3)
