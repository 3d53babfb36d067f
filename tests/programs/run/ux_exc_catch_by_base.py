import sys
class AppError(Exception):
    pass
class ParseError(AppError):
    pass
class LimitError(ValueError):
    pass
def check(n):
    if n < 0:
        raise ParseError("negative", n)
    if n > 10:
        raise LimitError
    return n
for n in [3, -1, 12]:
    try:
        print("ok", check(n))
    except AppError as err:
        print("app", repr(err), err.args, sys.getrefcount(err))
    except ValueError as err:
        print("value", type(err).__name__, repr(err), str(err) == "")
for n in [-5, 20]:
    try:
        check(n)
    except (LimitError, ParseError) as err:
        print("tuple", repr(err))
try:
    check(-2)
except ValueError:
    print("not here")
except Exception as err:
    print("exception", type(err).__name__)
try:
    raise ParseError("x")
except AppError:
    print("caught by base")
else:
    print("no")
finally:
    print("finally")
print(sys.getrefcount(ParseError), sys.getrefcount(LimitError))
