import sys
grid = [[x * y for y in range(4)] for x in range(3)]
print(grid, sys.getsizeof(grid), sys.getsizeof(grid[0]))
pairs = [(x, y) for x in range(3) for y in range(x)]
print(pairs, sys.getsizeof(pairs))
def table(n):
    return [[i + j + n for j in range(n)] for i in range(n)]
t = table(3)
print(t, [sys.getsizeof(row) for row in t])
flat = [v for row in t for v in row if v % 2 == 0]
print(flat, sys.getsizeof(flat))
