import sys
xs = [10, 20, 30, 40, 50, 60, 70, 80, 90]
print(sys.getsizeof(xs))
print(xs.pop(0), xs, sys.getsizeof(xs))
print(xs.pop(3), xs, sys.getsizeof(xs))
print(xs.pop(-2), xs, sys.getsizeof(xs))
print(xs.pop(), xs, sys.getsizeof(xs))
while len(xs) > 1:
    print(xs.pop(0), sys.getsizeof(xs))
print(xs.pop(-1), xs, sys.getsizeof(xs))
