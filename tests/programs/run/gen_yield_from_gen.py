import sys
def leaf(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return n * 100
def middle():
    a = yield from leaf(2)
    b = yield from leaf(3)
    return a + b
def top():
    total = yield from middle()
    yield total
g = top()
print(sys.getsizeof(g))
out = []
for v in g:
    out.append(v)
print(out, sys.getsizeof(out))
