def f():
    return 1
i = id(f)
del f
squares = [n * n for n in range(6)]
def g():
    return 2
print(id(g) == i, squares)
t = (1, [2])
ti = id(t)
del t
evens = {n for n in range(8) if n % 2 == 0}
u = (3, [4])
print(id(u) == ti, len(evens))
