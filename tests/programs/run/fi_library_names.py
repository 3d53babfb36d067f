from collections import deque, defaultdict
from functools import lru_cache, reduce, partial
from itertools import product, chain
from math import sqrt, pi
from sys import getsizeof, getrefcount
import sys

@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(25), fib.cache_info())
d = deque([1, 2, 3], maxlen=5)
d.append(4)
print(d, getsizeof(d) == sys.getsizeof(d))
g = defaultdict(list)
g["a"].append(1)
print(g, reduce(lambda a, b: a + b, [1, 2, 3]))
print(list(product([1, 2], repeat=2)), list(chain([1], [2])))
print(sqrt(16), pi > 3.14)
x = [1, 2]
print(getrefcount(x), getsizeof(x))
add3 = partial(lambda a, b: a + b, 3)
print(add3(4))
