import gc

def f():
    pass

f.me = f
del f
print(gc.collect())

def g():
    pass

g.data = [1, 2, 3]
g.data.append(g)
del g
print(gc.collect())

def h():
    pass

h.n = 5
print(gc.is_tracked(h.__dict__))
