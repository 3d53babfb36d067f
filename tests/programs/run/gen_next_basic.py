import sys
def countdown(n):
    while n > 0:
        yield n
        n -= 1
g = countdown(3)
print(type(g).__name__, sys.getrefcount(g))
print(next(g))
print(next(g))
print(next(g))
print(next(g, 'done'))
print(next(g, 'still done'))
print(sys.getsizeof(g))
