import sys
def a():
    x = [1]
    def b():
        def c():
            return x
        return c
    return b
b = a()
c = b()
r = c()
print(r, sys.getrefcount(r))
del b
print(c(), sys.getrefcount(r))
del c
print(sys.getrefcount(r))
