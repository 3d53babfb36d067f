import sys
def inner(a):
    return sys.getrefcount(a)
def middle(a):
    return inner(a)
def outer(a):
    return middle(a)
x = [1, 2]
print(inner(x), middle(x), outer(x))
