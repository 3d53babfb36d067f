def outer():
    def inner(a, b, c, *, k):
        return a
    return inner
f = outer()
print(f(1, 2, 3, k=4))
f(1, 2, 3, 4, k=5)
