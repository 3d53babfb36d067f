# `grid[i, j]`: the key is a tuple (a constant when both are constants, else BUILD_TUPLE
# per subscript), for loads, stores, augmented stores and deletions alike.
import sys

grid = {}
grid[0, 0] = 'origin'
for i in range(3):
    for j in range(2):
        grid[i, j + 1] = i * j
print(len(grid), grid[0, 0], grid[2, 2], sys.getsizeof(grid))
grid[1, 1] += 10
del grid[0, 0]
print(sorted(grid.items())[:3], (0, 0) in grid)
key = (2, 1)
print(grid[key], grid[2, 1] is grid[key])
counts = {}
for a, b in [(1, 2), (1, 2), (3, 4)]:
    counts[a, b] = counts.get((a, b), 0) + 1
print(counts)
try:
    grid[9, 9]
except KeyError as e:
    print('KeyError', e)


class Board:
    def __init__(self):
        self.cells = {}

    def __getitem__(self, pos):
        return self.cells.get(pos, '.')

    def __setitem__(self, pos, value):
        self.cells[pos] = value


b = Board()
b[1, 2] = 'X'
print(b[1, 2], b[0, 0], list(b.cells))
