import gc
gc.collect()
def f(n):
    return [n, n]
g = lambda n: f(n)
print(g(3))
del g
print(gc.collect())
print(gc.is_tracked(f))
