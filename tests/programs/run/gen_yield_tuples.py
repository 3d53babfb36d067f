import sys
def enumerate_it(xs):
    i = 0
    for x in xs:
        yield i, x
        i += 1
keep = []
for pair in enumerate_it(['a', 'b', 'c']):
    keep.append(pair)
    print(pair, sys.getsizeof(pair), sys.getrefcount(pair))
print(sys.getsizeof(keep))
