import sys
try:
    raise ValueError("outer")
except ValueError as a:
    try:
        raise TypeError("inner")
    except TypeError as b:
        print(repr(b), repr(b.__context__), b.__context__ is a)
        print(sys.getrefcount(a))
    print(repr(a))
