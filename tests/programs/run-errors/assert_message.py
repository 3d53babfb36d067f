def check(n):
    assert n > 0, 'n must be positive'
    return n * 2
print(check(3))
print(check(-1))
