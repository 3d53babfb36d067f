f = lambda: 1
addr = id(f)
del f
g = lambda: 2
print(id(g) == addr)
print(g())
