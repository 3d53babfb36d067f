import sys
def gen():
    yield 1
g = gen()
f = g.gi_frame
print(sys.getsizeof(f))
print(next(g))
print(next(g, 'end'))
print(sys.getrefcount(f))
