import sys
xs = [1, 2, 3]
print(sys.getsizeof(xs))
xs.insert(0, 0)
print(xs, sys.getsizeof(xs))
xs.insert(-1, 'a')
xs.insert(100, 'z')
xs.insert(-100, 'start')
print(xs, len(xs), sys.getsizeof(xs))
for i in range(20):
    xs.insert(i, i)
    print(len(xs), sys.getsizeof(xs))
