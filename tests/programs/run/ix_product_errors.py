import itertools
import sys
xs = [1000 * (k + 1) for k in range(3)]
try:
    itertools.product(xs, 5)
except TypeError as e:
    print(e)
print(sys.getrefcount(xs[0]))
try:
    itertools.product(None)
except TypeError as e:
    print(e)
try:
    itertools.product(xs, repeat=-1)
except ValueError as e:
    print(e)
try:
    itertools.product(xs, xs, 2.5, repeat=2)
except TypeError as e:
    print(e)
print(sys.getrefcount(xs[0]), sys.getrefcount(xs))
p = itertools.product(xs, [None, xs])
print(list(p), sys.getrefcount(xs[0]))
