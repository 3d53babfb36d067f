def answer():
    yield 1
    return 42
g = answer()
print(next(g))
print(next(g))
