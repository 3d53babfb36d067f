import sys
class Grid:
    def __init__(self):
        self.cells = {}
    def __getitem__(self, key):
        return self.cells.get(key, 0)
    def __setitem__(self, key, value):
        self.cells[key] = value
    def __contains__(self, key):
        return key in self.cells
    def __len__(self):
        return len(self.cells)
g = Grid()
g[1] = 10
g[2] = 20
print(g[1], g[2], g[3], len(g))
print(1 in g, 3 in g, 3 not in g)
big = [1, 2, 3]
g[5] = big
print(sys.getrefcount(big), g[5] is big)
g[5] = None
print(sys.getrefcount(big))
g[1] += 5
print(g[1])
print(sys.getsizeof(g.cells))
