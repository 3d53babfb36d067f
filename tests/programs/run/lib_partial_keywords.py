import sys
from functools import partial
def power(base, exp):
    return base ** exp
square = partial(power, exp=2)
cube = partial(power, exp=3)
print(square(4), cube(2), square.keywords, square.args, sys.getsizeof(square))
print(list(map(square, range(5))))
def tag(name, *items, sep=', ', end='!'):
    return name + ': ' + sep.join(items) + end
t = partial(tag, 'fruit', sep=' | ')
print(t('apple', 'pear'), t())
marker = ['m']
def show(a, b, flag=None):
    return sys.getrefcount(flag)
p = partial(show, 1, flag=marker)
print(p(2), sys.getrefcount(marker))
kw = square.keywords
print(sys.getrefcount(kw), kw)
del square
print(sys.getrefcount(kw))
