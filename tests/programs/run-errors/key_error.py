d = {'a': 1}
def lookup(key):
    return d[key]
print(lookup('a'))
print(lookup('b'))
