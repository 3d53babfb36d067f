t = (1, 2, 3)
f1 = lambda: 0
first = id(f1)
del f1
g = (x for x in t)
f2 = lambda: 1
print(id(f2) == first)
del g
f3 = lambda: 2
print(id(f3) == first)
