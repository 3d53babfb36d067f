import sys
xs = []
for i in range(10):
    xs.insert(0, [i])
print(len(xs), sys.getsizeof(xs), xs[0], xs[-1])
a = xs.pop(0)
addr = id(a)
del a
b = [99]
print(id(b) == addr)
