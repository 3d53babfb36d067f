# zip(..., strict=True): the same zip object (its size does not change), pairs as
# before, and a ValueError naming the shorter or longer argument when lengths differ
# (3.10+). On 3.8 and 3.9 zip takes no keyword arguments: a TypeError.
import sys

a = [1, 2, 3]
b = ['x', 'y', 'z']
try:
    z = zip(a, b, strict=True)
except TypeError as e:
    print('TypeError:', e)
    z = zip(a, b)
print(type(z).__name__, sys.getsizeof(z))
print(list(z))
try:
    for p, q in zip(a, b, strict=True):
        print(p, q)
    print(dict(zip(b, a, strict=True)))
    print([x + y for x, y in zip(a, a, strict=True)])
    print(list(zip(a, b, strict=False)), list(zip(a, [1], strict=0)))
except TypeError as e:
    print('TypeError:', e)
for left, right in [(a, [1, 2]), ([1], a), ('ab', range(3)), (a, b)]:
    try:
        pairs = list(zip(left, right, strict=True))
        print(pairs, sys.getrefcount(pairs[0]))
    except ValueError as e:
        print('ValueError:', e, e.args)
    except TypeError as e:
        print('TypeError:', e)
for third in [[1], [1, 2, 3, 4], [7, 8, 9]]:
    try:
        print(list(zip(a, b, third, strict=True)))
    except ValueError as e:
        print('ValueError:', e)
    except TypeError as e:
        print('TypeError:', e)
