import sys
fs = [lambda x: x + 1, lambda x: x * 2]
print(len(fs), sys.getsizeof(fs))
f = fs[0]
g = fs[1]
print(f(10), g(10))
print(sys.getrefcount(f))
del fs
print(sys.getrefcount(f))
