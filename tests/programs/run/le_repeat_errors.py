import sys
cases = [('abc', None), (None, 'abc'), ([1], 2.0), (2.5, (1, 2)), ('ab', 'cd'), ([], [])]
for a, b in cases:
    try:
        a * b
    except TypeError as e:
        print(type(a).__name__, type(b).__name__, e)
s = 'ab'
try:
    s *= 1.5
except TypeError as e:
    print('str *=', e)
xs = [1, 2]
try:
    xs *= None
except TypeError as e:
    print('list *=', e, xs, sys.getrefcount(xs))
t = (1, 2)
u = t * 2
print(u, sys.getsizeof(u), t * 1 is t)
