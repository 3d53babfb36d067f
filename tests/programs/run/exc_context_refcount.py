import sys
holder = None
try:
    try:
        raise ValueError("first")
    except ValueError as first:
        keep_first = first
        raise TypeError("second")
except TypeError as second:
    holder = second
print(sys.getrefcount(keep_first))
print(holder.__context__ is keep_first)
del holder
print(sys.getrefcount(keep_first))
