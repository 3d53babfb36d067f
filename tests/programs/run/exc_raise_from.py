import sys
cause = KeyError("root")
try:
    raise ValueError("top") from cause
except ValueError as e:
    print(repr(e), sys.getrefcount(cause))
print(sys.getrefcount(cause))
