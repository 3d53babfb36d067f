import sys
root = KeyError("root")
print(sys.getrefcount(root))
try:
    raise ValueError("top") from root
except ValueError as e:
    print(e.__cause__ is root, repr(e.__cause__), sys.getrefcount(root))
    print(e.__context__)
try:
    try:
        [][1]
    except IndexError as inner:
        raise TypeError("wrapped") from inner
except TypeError as outer:
    print(repr(outer.__cause__), outer.__cause__ is outer.__context__)
try:
    raise ValueError("plain")
except ValueError as e:
    print(e.__cause__)
print(sys.getrefcount(root))
