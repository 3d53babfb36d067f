import sys
def make():
    return [1, 2]
x = make()
print(sys.getrefcount(x))
def keep(a):
    b = a
    return b
y = keep(x)
print(sys.getrefcount(x), y is x)
def pair(a):
    return a, a
p = pair(x)
print(sys.getrefcount(x), len(p))
