def checked(func):
    def wrapper(x):
        assert x > 0, 'positive only'
        return func(x)
    return wrapper
@checked
def half(x):
    return x / 2
print(half(4))
half(-1)
