# int() and float() of values with no number slots: PyNumber_Long / PyNumber_Float's
# TypeError ("a real number" from 3.10), caught with a tuple of classes.
def parse(s):
    try:
        return int(s)
    except ValueError as e:
        print("bad:", e)
        return None
    finally:
        print("parsed", repr(s))
print(parse("42"), parse("x"))
def chain():
    try:
        {}["missing"]
    except KeyError as e:
        raise RuntimeError("lookup failed") from e
try:
    chain()
except RuntimeError as e:
    print(e, type(e.__cause__).__name__, e.__cause__)
try:
    1 / 0
except (TypeError, ZeroDivisionError) as e:
    print(type(e).__name__, e)
else:
    print("no")
errors = []
for v in ["1", "2", "three", None]:
    try:
        errors.append(int(v))
    except (ValueError, TypeError) as e:
        errors.append(type(e).__name__)
print(errors)
class MyError(Exception):
    pass
try:
    raise MyError("custom", 42)
except Exception as e:
    print(e.args, isinstance(e, MyError), str(e))
for v in [None, [], (), {}, set(), frozenset()]:
    try:
        int(v)
    except TypeError as e:
        print(e)
    try:
        float(v)
    except TypeError as e:
        print(e)
