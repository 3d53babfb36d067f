import math
from math import floor
nums = [4, 9, 16.0, 2]
print(list(map(math.sqrt, nums)))
print(list(map(floor, [1.5, -1.5, 2.0])))
f = math.factorial
print(f(5), [f(i) for i in range(6)])
print(sorted([3.7, -1.2, 2.5], key=math.fabs))
print(math.sqrt, floor, list(filter(math.isfinite, [1.0, math.inf, 2.5])))
table = {'root': math.sqrt, 'isqrt': math.isqrt}
print({name: fn(49) for name, fn in table.items()})
