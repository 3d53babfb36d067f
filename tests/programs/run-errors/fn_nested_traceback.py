def outer(n):
    def inner(d):
        return n // d
    return inner(0)
print('start')
outer(5)
