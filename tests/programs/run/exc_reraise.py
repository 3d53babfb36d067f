def f():
    try:
        1 / 0
    except ZeroDivisionError:
        print("logging")
        raise
try:
    f()
except ZeroDivisionError as e:
    print("outer", repr(e))
try:
    try:
        {}["x"]
    except KeyError as e:
        print("inner", e)
        raise
except LookupError as e2:
    print("outer2", repr(e2))
