import sys
def collect(*args):
    print(type(args).__name__, len(args), sys.getsizeof(args))
    return args
e = collect()
print(e is collect(), e == ())
t = collect(1, 2, 3)
print(t, sys.getsizeof(t))
def first_rest(first, *rest):
    return first, rest
print(first_rest(1), first_rest(1, 2, 3))
item = [0]
kept = collect(item, item)
print(sys.getrefcount(item))
del kept
print(sys.getrefcount(item))
