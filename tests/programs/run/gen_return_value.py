import sys
def inner():
    yield 1
    yield 2
    return [3, 4, 5]
def outer():
    got = yield from inner()
    print('inner returned', got, sys.getsizeof(got), sys.getrefcount(got))
    yield len(got)
a = list(outer())
print(a)
