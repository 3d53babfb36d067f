import sys
def outer():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
f = outer()
f(); f()
cells = f.__closure__
print(f(), len(cells), cells[0].cell_contents, sys.getsizeof(cells))
print(sys.getsizeof(cells[0]), type(cells).__name__)
def plain():
    return 1
print(plain.__closure__)
def make_adders():
    adders = []
    for n in [10, 20]:
        adders.append(lambda x, n=n: x + n)
    return adders
print([a(1) for a in make_adders()])
def pair(a, b):
    def both():
        return a, b
    return both
p = pair([1], "s")
print([c.cell_contents for c in p.__closure__], sys.getrefcount(p.__closure__[0].cell_contents))
def late():
    def get():
        return value
    g = get
    try:
        g.__closure__[0].cell_contents
    except ValueError as e:
        print("ValueError:", e)
    value = 5
    return g
print(late()())
