def split(seq):
    first, second, *rest, last = seq
    return rest

print(split([1, 2, 3, 4]))
print(split((1, 2)))
