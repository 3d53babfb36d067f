# Builtin exception classes as values: type(e), `is`, ==, repr, a list or tuple of
# them, a default argument, and a call of one held in a name (BaseException_new).
errors = (ValueError, KeyError)
print(KeyError.__name__)
e = ValueError("m")
print(isinstance(e, Exception), type(e) in errors, ValueError in errors)
for exc in [ValueError("a"), KeyError("b")]:
    print("bad value" if type(exc) is ValueError else "missing")
kind = TypeError
try:
    raise kind("boom")
except TypeError as err:
    print(repr(err))
def check(x, exc=ValueError):
    if x < 0:
        raise exc(f"negative: {x}")
    return x
try:
    check(-1)
except ValueError as err:
    print(err)
print(str(ValueError), str(KeyError))
try:
    int("x")
except ValueError as e:
    t = type(e)
    print(t, t.__name__, t is ValueError)
print(repr(KeyError), KeyError is KeyError, KeyError == KeyError, KeyError != ValueError)
kinds = [ValueError, TypeError]
print(kinds)
