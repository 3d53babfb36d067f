import sys
def counted(func):
    calls = [0]
    def wrapper(x):
        calls[0] += 1
        return func(x) + calls[0]
    return wrapper
@counted
def double(x):
    return x * 2
print(double(10), double(10), double(10))
print(sys.getsizeof(double))
def plain(x):
    return x * 2
wrapped = counted(plain)
print(wrapped(1), sys.getrefcount(plain))
