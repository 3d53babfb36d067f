def items():
    yield [1]
    yield [1][5]
for x in items():
    print(x)
