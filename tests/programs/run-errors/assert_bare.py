values = [1, 2, 3]
assert len(values) == 3
assert values[0] == 2
