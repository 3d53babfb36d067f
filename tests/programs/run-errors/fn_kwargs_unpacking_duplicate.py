def pair(a, b):
    return a, b
values = {'b': 2}
print(pair(1, **values))
pair(2, **{'a': 1, 'b': 2})
