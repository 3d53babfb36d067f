import sys
def scaler(factor):
    return lambda x: x * factor
triple = scaler(3)
print(triple(5), sys.getsizeof(triple))
def apply_all(values):
    offset = 100
    f = lambda v: v + offset
    out = []
    for v in values:
        out.append(f(v))
    offset = 1
    out.append(f(0))
    return out
print(apply_all([1, 2, 3]))
compose = lambda f, g: lambda x: f(g(x))
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(10), compose(dbl, inc)(10))
