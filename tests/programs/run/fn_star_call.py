import sys
def show(a, b, c):
    return sys.getrefcount(a)
args = ([10], [20], [30])
print(show(*args))
xs = [[1], [2], [3]]
print(show(*xs))
print(sys.getrefcount(xs[0]))
def count(*items):
    return len(items)
print(count(*xs), count(*args))
print(sys.getrefcount(args))
