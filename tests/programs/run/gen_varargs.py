# Generator functions with *args and **kwargs: the generator holds the tuple and dict.
import sys


def chain(*iterables):
    for it in iterables:
        yield from it


def tagged(*items, **tags):
    for i in items:
        yield i, len(tags)


print(list(chain([1, 2], (3,), 'ab')))
g = chain([1], [2])
print(next(g), next(g))
print(list(tagged(1, 2, a=1, b=2)))
data = [10, 20]
h = chain(data)
print(sys.getrefcount(data))
print(next(h))
del h
print(sys.getrefcount(data))
