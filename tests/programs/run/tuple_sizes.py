import sys
a = 1000
b = [1]
print(sys.getsizeof(()))
print(sys.getsizeof((1,)))
print(sys.getsizeof((a, b)))
t = (a, b, a)
print(sys.getsizeof(t), len(t))
print(sys.getsizeof(t * 2), sys.getsizeof(t + t))
print(t * 1 is t, t + () is t, () + t is t)
print(() is tuple(), tuple(t) is t)
