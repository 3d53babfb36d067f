def check(v):
    if v < 0:
        raise ValueError("negative: " + str(v))
    return v
def total(values):
    s = 0
    for v in values:
        s += check(v)
    return s
print(total([1, 2]))
print(total([1, -2]))
