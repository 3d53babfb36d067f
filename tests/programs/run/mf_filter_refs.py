import sys
def keep(x):
    print('keep', sys.getrefcount(x))
    return len(x) > 1
data = [[1], [1, 2], [3], [4, 5, 6]]
fl = filter(keep, data)
got = next(fl)
print(got, sys.getrefcount(got), sys.getrefcount(data[0]))
rest = list(fl)
print(rest, sys.getsizeof(rest), sys.getrefcount(data[3]))
del fl
print(sys.getrefcount(data))
