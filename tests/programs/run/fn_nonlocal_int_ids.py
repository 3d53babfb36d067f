import sys
def counter(start):
    n = start
    def step():
        nonlocal n
        n = n + 1000
        return n
    return step
s = counter(0)
a = s()
b = s()
print(a, b, sys.getrefcount(b))
del a
c = s()
print(c, sys.getrefcount(c))
