import sys
row = [0, 0]
grid = [row, row, row]
print(sys.getrefcount(row))
del grid
print(sys.getrefcount(row))
grid2 = [row] * 4
print(sys.getrefcount(row), sys.getsizeof(grid2))
