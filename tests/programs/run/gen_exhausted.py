import sys
def two():
    yield 1
    yield 2
g = two()
a = list(g)
b = list(g)
print(a, b, sys.getsizeof(a), sys.getsizeof(b))
print(next(g, None), sum(g))
for x in g:
    print('never')
print(sys.getsizeof(g))
