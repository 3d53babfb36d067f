import sys
err = KeyError("prepared")
print(sys.getrefcount(err))
try:
    raise err
except KeyError as e:
    print(e is err, sys.getrefcount(err))
print(sys.getrefcount(err))
print(repr(err), str(err))
