import sys
import itertools
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
first = list(itertools.islice(fib(), 10))
print(first, sys.getsizeof(first))
g = fib()
s = itertools.islice(g, 2, 8, 2)
print(list(s), next(g))
def count_up(n):
    for i in range(n):
        yield [i] * 2
c = itertools.chain(count_up(2), [['x']], count_up(3))
items = list(c)
print(items, sys.getrefcount(items[0]))
for x in itertools.islice(count_up(100), 3):
    print(x, sys.getrefcount(x))
def failing():
    yield 1
    raise ValueError('boom')
try:
    print(list(itertools.islice(failing(), 5)))
except ValueError as e:
    print('ValueError', e)
def with_return():
    yield 'a'
    return 'done'
print(list(itertools.chain(with_return(), with_return())))
gen = (i * i for i in range(10))
print(list(itertools.islice(gen, 3)), list(gen))
