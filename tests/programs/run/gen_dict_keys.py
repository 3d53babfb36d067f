import sys
def keys_of(d):
    for k in d:
        yield k
d = {'alpha': 1, 'beta': 2, 'gamma': 3}
g = keys_of(d)
print(sys.getrefcount(d))
print(next(g), sys.getrefcount(d))
print(next(g), next(g), next(g, None), sys.getrefcount(d))
