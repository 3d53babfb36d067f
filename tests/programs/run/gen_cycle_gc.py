import gc
gc.collect()
def hold(box):
    yield len(box)
    yield len(box)
box = []
g = hold(box)
box.append(g)
print(next(g))
del g, box
print(gc.collect())
print(gc.collect())
