import gc
gc.collect()
def walk(items):
    for x in items:
        yield x
items = [1, 2]
g = walk(items)
items.append(g)
print(next(g))
del g, items
print(gc.collect())
