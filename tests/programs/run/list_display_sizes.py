import sys
x = 10
y = 20
print(sys.getsizeof([]))
print(sys.getsizeof([1]))
print(sys.getsizeof([1, 2]))
print(sys.getsizeof([1, 2, 3]))
print(sys.getsizeof([1, 2, 3, 4]))
print(sys.getsizeof([1, 2, 3, 4, 5]))
print(sys.getsizeof([x, y, 3]))
print(sys.getsizeof([x, y, x, y, x]))
print(sys.getsizeof(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']))
