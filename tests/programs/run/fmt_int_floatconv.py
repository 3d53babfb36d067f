import sys
n = 10
x = f"{n:.3f}"
y = '%f' % n
z = '{:e}'.format(n)
print(x, y, z, sys.getsizeof(x))
print(f"{2 ** 60:.3e}", f"{-7:.1%}", '%.2f' % 3, '%g' % 100000, '%g' % 1000000)
