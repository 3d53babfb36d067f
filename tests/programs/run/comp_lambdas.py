# Functions made inside comprehensions: defaults that capture the loop variable, and
# closures over the enclosing function's names (no comprehension variable is a cell).
import sys

adders = [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in adders])
print(adders[1].__defaults__, sys.getrefcount(adders[1]))
ops = {name: (lambda a, b, n=name: f"{n}({a},{b})") for name in ["add", "mul"]}
print(ops["mul"](2, 3), sorted(ops))


def outer():
    base = 100
    return [lambda y: base + y for _ in range(2)]


gs = outer()
print([g(1) for g in gs], gs[0].__closure__[0] is gs[1].__closure__[0])
print(sys.getrefcount(gs[0].__closure__[0]))


def scaled(factors):
    k = 3
    return {f: (lambda v, f=f: v * f * k) for f in factors}


table = scaled([1, 2])
print(table[2](5), len(table))
del table
nested = [[(lambda: 0) for _ in range(2)] for _ in range(2)]
print(len(nested), nested[0][0]())
