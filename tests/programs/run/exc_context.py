import sys
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("second")
except ValueError as e:
    ctx = e.__context__
    print(repr(e), repr(ctx), sys.getrefcount(ctx))
print(repr(ctx), sys.getrefcount(ctx))
del ctx
try:
    raise KeyError("k")
except KeyError as e:
    print(e.__context__)
