import sys
def inner(a):
    local = [a, a]
    return a[10]
def outer(a):
    return inner(a)
data = [1, 2, 3]
print(sys.getrefcount(data))
try:
    outer(data)
except IndexError as e:
    print("caught", e, sys.getrefcount(data))
print(sys.getrefcount(data))
