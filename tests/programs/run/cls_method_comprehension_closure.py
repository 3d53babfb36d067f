# A comprehension inside a method that reads the method's locals: before 3.12 the
# comprehension is a function closing over them (cells); 3.12+ inlines it.
import gc
import sys


class Grid:
    def __init__(self, n):
        self.n = n

    def rows(self, k):
        return [[i * k for i in range(self.n)] for _ in range(2)]

    def offsets(self, base):
        step = base + 1
        return {i: i + step for i in range(3)}

    def pairs(self, xs):
        factor = 10
        return list(x * factor for x in xs)


g = Grid(3)
print(g.rows(2))
print(g.offsets(5))
print(g.pairs([1, 2]))
r = g.rows(3)
print(sys.getsizeof(r), sys.getsizeof(r[0]), sys.getrefcount(r[0]))
gc.collect()
print(gc.collect())
