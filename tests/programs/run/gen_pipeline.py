import sys
def numbers(n):
    for i in range(n):
        yield i
def evens(src):
    for x in src:
        if x % 2 == 0:
            yield x
def scaled(src, k):
    for x in src:
        yield x * k
p = scaled(evens(numbers(10)), 1000)
print(sys.getsizeof(p))
out = list(p)
print(out, sys.getsizeof(out))
