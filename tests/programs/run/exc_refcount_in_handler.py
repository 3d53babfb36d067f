import sys
try:
    raise ValueError("x")
except ValueError as e:
    print(sys.getrefcount(e))
    alias = e
    print(sys.getrefcount(e))
print(sys.getrefcount(alias))
try:
    raise ValueError("y")
except ValueError:
    print("no name")
