import sys
def one(a):
    return sys.getrefcount(a)
def two(a, b):
    return sys.getrefcount(a)
x = []
print(one(x))
print(two(x, x))
print(one([]))
def nested(a):
    return one(a)
print(nested(x))
