import sys
x = 'module x'
squares = [x * x for x in range(4)]
print(x, squares)
def f():
    x = [10]
    ys = [x for x in range(3)]
    print(x, ys, sys.getrefcount(x))
    zs = [x + [i] for i in range(2)]
    print(zs, sys.getrefcount(x))
f()
total = 5
print([total + k for k in range(3)])
def g(n):
    return {k: [n] * k for k in range(n)}
r = g(3)
print(r, sys.getsizeof(r))
