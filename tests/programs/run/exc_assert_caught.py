import sys
n = 7
msg = n * 1000003
try:
    assert 1 > 2, msg
except AssertionError as e:
    print(repr(e), e.args[0] is msg, sys.getrefcount(msg))
print(sys.getrefcount(msg))
try:
    assert False
except AssertionError as e:
    print(repr(e), e.args)
