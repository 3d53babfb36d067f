n = 3
try:
    assert n > 5, n * 10
except AssertionError as e:
    print(repr(e))
assert n > 5, n
