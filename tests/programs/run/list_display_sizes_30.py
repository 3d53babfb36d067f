import sys
a = 1
b = 'x'
l = [a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b]
t = (a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b,)
s = {a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b}
print(16, sys.getsizeof(l), sys.getsizeof(t), sys.getsizeof(s), len(l), len(t), len(s))
l = [a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a]
t = (a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a,)
s = {a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a}
print(23, sys.getsizeof(l), sys.getsizeof(t), sys.getsizeof(s), len(l), len(t), len(s))
l = [a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b]
t = (a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b,)
s = {a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b, a, b}
print(30, sys.getsizeof(l), sys.getsizeof(t), sys.getsizeof(s), len(l), len(t), len(s))
c = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]
print(sys.getsizeof(c), c[-1])
