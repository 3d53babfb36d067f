import sys, math
print(math.sqrt(16.0), sys.getsizeof(math.pi))
print(sys.getsizeof([1, 2, 3]))
