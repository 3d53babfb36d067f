def total(*numbers, start=0):
    result = start
    for n in numbers:
        result = result + n
    return result
print(total(1, 2, 3), total(1, start=10))
total(1, 'x')
