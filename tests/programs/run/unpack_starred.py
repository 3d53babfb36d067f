# Starred targets (UNPACK_EX): the starred list is made by list_extend over the iterator and shortened in place, so its size shows the allocation.
import sys
a, *b = [1, 2, 3, 4, 5]
print(a, b, sys.getsizeof(b))
*c, d = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
print(c, d, sys.getsizeof(c))
e, *f, g = [1, 2, 3, 4, 5]
print(e, f, g, sys.getsizeof(f))
h, *i = [1]
print(h, i, sys.getsizeof(i))
j, *k, l = list(range(20))
print(len(k), sys.getsizeof(k))
for first, *others in [(1, 2, 3), (4, 5), [6]]:
    print(first, others, sys.getsizeof(others))
x = [10, 20, 30]
p, *q = x
print(sys.getrefcount(x), sys.getrefcount(q))
(m, *n), o = [1, 2, 3], 4
print(m, n, o)
try:
    r, s, *t = [1]
except ValueError as err:
    print(err)
try:
    r, *s, t, u = (1, 2)
except ValueError as err:
    print(err)
