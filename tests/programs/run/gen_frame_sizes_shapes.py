import sys
def both(a, b):
    yield a and b
def either(a, b, c):
    yield a or b or c
def both_calls(a, b):
    yield len(a) and len(b)
def test_and(a, b):
    if a and not b:
        yield 1
def chain(a, b, c):
    yield a < b < c
def chain_test(a, b, c):
    while a < b <= c:
        yield a
        a += 1
def slices(a):
    yield a[1:2]
    yield a[:len(a)]
def stores(a, k):
    a[k] = [k]
    a[k] += [k]
    yield a
def dicts(a, b):
    yield {'x': a, 'y': b}
    yield {a: b}
    yield {}
def chained(a):
    x = y = [a]
    yield x
def summed(a):
    yield sum(x for x in a)
def names(a):
    yield type(a).__name__
def keywords(a):
    print(a, a, end='\n', sep=' ')
    yield a
gens = [both(1, 2), either(0, 0, 3), both_calls((1,), (2,)), test_and(1, 0), chain(1, 2, 3),
        chain_test(1, 2, 3), slices([1, 2, 3]), stores([0, 0], 1), dicts(1, 2), chained(1),
        summed((1, 2)), names(1.5), keywords(7)]
for g in gens:
    print(sys.getsizeof(g.gi_frame), sys.getsizeof(g))
for g in gens:
    for v in g:
        last = v
    print(last)
