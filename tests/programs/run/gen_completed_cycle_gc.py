import gc
gc.collect()
def once(box):
    yield len(box)
box = []
g = once(box)
box.append(g)
print(list(g))
del g, box
print(gc.collect())
