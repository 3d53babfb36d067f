import functools
import sys


class Payload:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        print('freed', self.tag)


def deco(f):
    @functools.wraps(f)
    def inner():
        return f()
    return inner


def make(tag):
    p = Payload(tag)

    def job():
        return p.tag
    return deco(job)


a = make('a')
b = make('b')
print(a(), b(), a.__name__, a.__qualname__)
inner_of_a = a.__wrapped__
print(sys.getrefcount(inner_of_a))
del a
print('a deleted')
del inner_of_a
print('inner deleted')
b = make('c')
print('rebound', b())
del b
print('end')
