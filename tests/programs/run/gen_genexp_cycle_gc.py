import gc
gc.collect()
items = [1, 2]
g = (x for x in items)
items.append(g)
print(next(g))
del g, items
print(gc.collect())
box = [3]
h = (y for y in box)
box.append(h)
del h, box
print(gc.collect())
