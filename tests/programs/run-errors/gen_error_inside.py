def divide(xs):
    for x in xs:
        yield 100 // x
g = divide([5, 0])
print(next(g))
print(next(g))
