import sys
e = StopIteration()
print(sys.getsizeof(e), e.value, e.args, sys.getsizeof(ValueError()))
base = 10
big = base ** 20
print(sys.getrefcount(big))
s = StopIteration(big, 2)
print(sys.getsizeof(s), s.value is big, s.args, sys.getrefcount(big))
del s
print(sys.getrefcount(big))
try:
    raise StopIteration(big)
except StopIteration as err:
    print(err.value is big, sys.getrefcount(big), sys.getsizeof(err))
print(sys.getrefcount(big))
try:
    raise StopIteration
except StopIteration as err:
    print(err.value, err.args, repr(err))
it = iter([1])
print(next(it))
try:
    next(it)
except StopIteration as err:
    print(err.value, err.args, sys.getsizeof(err))
try:
    next(iter(()))
except Exception as err:
    print(type(err).__name__, err.value)
