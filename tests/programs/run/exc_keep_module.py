import sys
kept = None
try:
    raise ValueError("kept", [1])
except ValueError as e:
    kept = e
print(repr(kept), sys.getrefcount(kept))
print(sys.getrefcount(kept.args[1]))
items = kept.args
del kept
print(sys.getrefcount(items))
