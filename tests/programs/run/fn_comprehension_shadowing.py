import sys
def f():
    x = [100]
    before = sys.getrefcount(x)
    r = [x for x in range(3)]
    return before, sys.getrefcount(x), x, r
print(f())
def g(items):
    total = 0
    squares = [i * i for i in items]
    for i in squares:
        total = total + i
    return total, sys.getsizeof(squares)
print(g([1, 2, 3]), g([i for i in range(10)]))
