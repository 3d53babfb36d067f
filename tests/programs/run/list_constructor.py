import sys
a = list(range(10))
print(a, sys.getsizeof(a))
b = list((1, 2, 3))
print(sys.getsizeof(b))
five = [1, 2, 3, 4, 5]
c = list(five)
print(sys.getsizeof(c))
d = list()
print(sys.getsizeof(d))
f = list(range(100))
print(sys.getsizeof(f), f[-1])
