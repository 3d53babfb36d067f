import functools
def f(a, b=0):
    return a + b
p = functools.partial(f, b=2)
print(p(1))
