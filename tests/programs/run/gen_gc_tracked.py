import gc
gc.collect()
def gen():
    yield 1
g = gen()
print(gc.is_tracked(g))
next(g)
print(gc.is_tracked(g))
print(list(g), gc.is_tracked(g))
print(gc.collect())
