import sys
def gen(x):
    y = [x]
    yield 1
    yield 2
data = [1]
g = gen(data)
print(next(g), sys.getrefcount(gen), sys.getrefcount(data))
g.close()
print(sys.getrefcount(gen), sys.getrefcount(data), g.gi_frame)
del g
print(sys.getrefcount(gen))
t = (1, 2)
f1 = lambda: 0
first = id(f1)
del f1
h = (x for x in t)
print(next(h))
h.close()
f2 = lambda: 1
print(id(f2) == first)
del h
f3 = lambda: 2
print(id(f3) == first)
