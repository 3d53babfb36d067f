import sys
xs = []
for i in range(40):
    xs.append([i])
print(sys.getsizeof(xs))
first = id(xs[0])
del xs[0:12]
again = [0]
print(id(again) == first)
print(len(xs), sys.getsizeof(xs), xs[0])
del xs[:]
print(xs, sys.getsizeof(xs))
