import sys
def make_counter():
    count = 0
    def increment():
        nonlocal count
        count += 1
        return count
    return increment
c = make_counter()
print(c(), c(), c())
print(sys.getsizeof(c))
d = make_counter()
print(d(), c())
def outer(a):
    b = [a]
    def inner(c):
        return b[0] + c
    print(sys.getrefcount(b))
    return inner
f = outer(10)
print(f(5), f(7))
add = lambda x: lambda y: x + y
print(add(2)(3))
