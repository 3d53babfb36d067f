import sys
def double(x):
    return [x, x]
def produce(n):
    for i in range(n):
        pair = double(i)
        yield pair
out = []
for p in produce(3):
    out.append(p)
    print(p, sys.getrefcount(p), sys.getsizeof(p))
print(len(out))
