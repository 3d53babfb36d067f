import sys
def empty():
    yield
def params(a, b, c):
    yield a
def loop(xs):
    for x in xs:
        yield x * x
def nested(xs, ys):
    for x in xs:
        for y in ys:
            yield x + y
def delegate(xs):
    for x in xs:
        yield from x
def calls(n):
    print('calling', n, end='\n')
    yield sys.getsizeof(n)
def unpack(pairs):
    for a, b in pairs:
        a, b = b, a + b
        yield [a, b, a]
def fstrings(n):
    yield f"{n}-{n + 1}-{n * 2!r}"
gens = [empty(), params(1, 2, 3), loop((1,)), nested((1,), (2,)), delegate(((1,),)), calls(1), unpack(((1, 2),)), fstrings(30)]
for g in gens:
    print(sys.getsizeof(g.gi_frame), sys.getsizeof(g))
g1 = (x for x in (1, 2))
g2 = (x * y for x in (1, 2) for y in (3, 4) if x)
g3 = (len(t) for t in ((1,), (2, 3)))
for g in (g1, g2, g3):
    print(sys.getsizeof(g.gi_frame), sys.getsizeof(g))
for g in gens:
    for v in g:
        last = v
    print(last, g.gi_frame)
