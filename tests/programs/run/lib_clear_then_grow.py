import sys
xs = list(range(50))
print(sys.getsizeof(xs))
xs.clear()
print(sys.getsizeof(xs))
for i in range(9):
    xs.append(i)
    print(sys.getsizeof(xs), end=' ')
print()
