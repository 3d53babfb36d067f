# Values made through from-imported functions: their sizes, counts and identity.
from sys import getsizeof, getrefcount
from copy import copy, deepcopy
from itertools import count, islice, repeat

a = [1, [2, 3]]
b = copy(a)
c = deepcopy(a)
print(b == a, b is a, b[1] is a[1], c[1] is a[1])
print(getsizeof(a), getsizeof(b), getsizeof(c))
print(getrefcount(a[1]), getrefcount(c[1]))
print(list(islice(count(10), 4)), list(repeat("x", 3)))
