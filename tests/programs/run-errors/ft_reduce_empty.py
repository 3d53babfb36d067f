import functools
def f(a, b):
    return a + b
print(functools.reduce(f, [], 1), functools.reduce(f, [2]))
functools.reduce(f, [])
