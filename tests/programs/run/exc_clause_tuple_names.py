# An except clause naming a module-level tuple of exception classes (builtin ones, the
# program's, a tuple made by +): any item matches (PyErr_GivenExceptionMatches).
import sys


class AppError(Exception):
    pass


NUMBER_ERRORS = (ValueError, ZeroDivisionError)
ALL_ERRORS = NUMBER_ERRORS + (KeyError, AppError)
SINGLE = TypeError


def parse(text):
    try:
        return 10 // int(text)
    except NUMBER_ERRORS as e:
        return f"{type(e).__name__}: {e}"


print(parse("5"), parse("x"), parse("0"))
for thrower in (lambda: {}["k"], lambda: 1 / 0, lambda: None + 1):
    try:
        try:
            thrower()
        except ALL_ERRORS as e:
            print("all:", type(e).__name__)
    except SINGLE as e:
        print("single:", e)
try:
    raise AppError("custom")
except ALL_ERRORS as e:
    print("caught", repr(e), sys.getrefcount(ALL_ERRORS))
