def build(keys):
    table = {'a': 1}
    return {k: table[k] for k in keys}
print(build(['a']))
build(['a', 'b'])
