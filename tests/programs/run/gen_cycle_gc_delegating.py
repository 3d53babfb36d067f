import gc
gc.collect()
def inner(box):
    yield len(box)
    yield len(box)
def outer(box):
    yield from inner(box)
box = []
g = outer(box)
box.append(g)
print(next(g))
del g, box
print(gc.collect())
def leaf():
    yield 1
    yield 2
def mid():
    yield from leaf()
h = mid()
print(next(h))
del h
print(gc.collect())
