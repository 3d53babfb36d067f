import gc
gc.collect()
def hold(box):
    yield len(box)
    yield len(box)
for i in range(5):
    box = [i]
    g = hold(box)
    box.append(g)
    next(g)
del g, box
print(gc.collect())
print(gc.collect())
