def f(a, b):
    return a + b
d = {'a': 1, 'b': 2}
print(f(**d))
