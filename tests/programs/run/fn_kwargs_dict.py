import sys
def options(**kwargs):
    return kwargs
d0 = options()
print(d0, sys.getsizeof(d0))
d1 = options(a=1)
print(d1, sys.getsizeof(d1))
d5 = options(a=1, b=2, c=3, d=4, e=5)
print(d5, sys.getsizeof(d5))
d6 = options(a=1, b=2, c=3, d=4, e=5, f=6)
print(sys.getsizeof(d6))
def mixed(x, *args, **kw):
    return x, args, kw
print(mixed(1, 2, 3, k=4))
print(mixed(x=5))
value = [1]
held = options(v=value)
print(sys.getrefcount(value))
