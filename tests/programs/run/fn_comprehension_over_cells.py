import sys
def f(n):
    base = [n]
    rows = [[base[0] + i + j for j in range(2)] for i in range(3)]
    def show():
        return base
    return rows, show() is base, sys.getrefcount(base)
print(f(1))
def g():
    scale = 3
    return {k: k * scale for k in range(4)}, {k * scale for k in range(4)}
print(g())
