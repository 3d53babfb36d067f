import gc
gc.collect()
def hold(box):
    yield box
box = []
g = hold(box)
box.append(g)
del g, box
print(gc.collect())
print(gc.collect())
