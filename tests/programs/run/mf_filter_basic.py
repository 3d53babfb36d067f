import sys
def odd(n):
    return n % 2
print(list(filter(lambda s: len(s) > 1, ['a', 'bb', 'ccc'])))
print([a for a in map(odd, filter(odd, range(6)))])
print([b for b in filter(None, map(odd, range(6)))])
xs = [3, 4, 5, 6, 7]
f = filter(odd, xs)
print(type(f).__name__, sys.getsizeof(f))
print(sys.getrefcount(odd), sys.getrefcount(xs))
for v in f:
    print(v, sys.getrefcount(odd), sys.getrefcount(xs))
print(sys.getrefcount(odd), sys.getrefcount(xs))
del f
print(sys.getrefcount(odd), sys.getrefcount(xs))
t = filter(None, (0, '', 'x', (), (1,), None, 2.5))
print(sys.getsizeof(t), sys.getrefcount(t))
print([w for w in t])
print(sum(filter(odd, range(10))), [k for k in filter(odd, {1: 'a', 2: 'b', 3: 'c'})])
print(next(filter(odd, [2, 4]), 'none'))
