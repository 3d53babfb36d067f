import itertools
import sys
xs = [1000 * (k + 1) for k in range(4)]
def biggest(a, b):
    print('called', sys.getrefcount(a), sys.getrefcount(b))
    return a if a > b else b
print(list(itertools.accumulate(xs, biggest)))
mul = lambda a, b: a * b
print(list(itertools.accumulate([k + 2 for k in range(5)], mul)))
acc = itertools.accumulate(xs, func=lambda a, b: a - b, initial=xs[-1])
print(sys.getsizeof(acc), sys.getrefcount(xs[-1]))
print(list(acc), sys.getrefcount(xs[-1]))
try:
    list(itertools.accumulate([1, 'a']))
except TypeError as e:
    print(e)
for v in itertools.accumulate(xs, biggest):
    print(v, sys.getrefcount(v))
