# Hidden comprehension cells (3.12+) and the collector: a cycle through a comprehension's
# cell (the list holds the lambda, whose cell holds the list) is garbage once dropped.
import gc
import sys

gc.collect()
gc.disable()


def table(n, scale):
    def show():
        return scale
    fs = {k: (lambda: k * scale) for k in range(n)}
    z = len(fs)
    def total():
        return z
    return fs, show, total


fs, show, total = table(3, 10)
print([f() for f in fs.values()], show(), total())
print(len(fs[0].__closure__), sys.getrefcount(fs[2].__closure__[0]))
grid = [[(lambda: (r, q)) for q in range(2)] for r in range(2)]
print([g() for row in grid for g in row])
print(grid[0][0].__closure__[0] is grid[0][1].__closure__[0], grid[0][0].__closure__[1] is grid[1][0].__closure__[1])
again = [lambda: i for i in range(2)]
other = [lambda: i * 10 for i in range(2)]
print([f() for f in again + other])
del fs, show, total, grid, again, other
print(gc.collect())
loops = [(lambda: box) for box in [[]]]
loops[0]().append(loops)
del loops
print(gc.collect())
