import sys
def make(n):
    return ''.join(['key ', str(n)])
keys = [sys.intern(make(i)) for i in range(5)]
again = [sys.intern(make(i)) for i in range(5)]
print([keys[i] is again[i] for i in range(5)])
print(sys.getsizeof(keys[0]), len(keys))
del keys
del again
fresh = make(3)
print(sys.intern(fresh) is fresh)
