import sys
def inner():
    got = []
    while len(got) < 2:
        x = yield len(got)
        got.append(x)
    return got
def outer():
    result = yield from inner()
    yield result
g = outer()
print(next(g))
print(g.send('first'))
r = g.send([9])
print(r, sys.getsizeof(r))
