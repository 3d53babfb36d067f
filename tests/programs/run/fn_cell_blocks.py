def f(n):
    before = (n, n)
    squares = [n * i for i in range(3)]
    after = (n, n)
    return id(before) == id(after), squares
print(f(5))
def g(n):
    def inner():
        return n
    return inner
h = g(1)
t1 = (1, [2])
i1 = id(t1)
del h
t2 = (3, [4])
print(id(t2) == i1)
del t1
k = g(2)
print(k())
