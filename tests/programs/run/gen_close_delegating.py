def inner():
    yield 1
    yield 2
def outer():
    yield from inner()
g = outer()
print(next(g))
g.close()
print(next(g, 'closed'))
