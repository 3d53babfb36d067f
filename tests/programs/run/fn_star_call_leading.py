import sys
def show(a, b, c, d=None):
    return sys.getrefcount(b)
xs = [[1], [2]]
print(show(0, *xs))
ys = ([3], [4])
print(show(0, *ys), show(0, [5], *ys[:1]))
def count(*items):
    return len(items), sys.getsizeof(items)
print(count(1, 2, *xs), count(1, *ys), count(*xs))
keep = (1, [2])
k = id(keep)
del keep
print(count(1, 2, *xs))
after = (3, [4])
print(id(after) == k)
