import sys
e = ValueError("message text")
s = f"{e}"
print(s, s is e.args[0], sys.getrefcount(e))
print(f"error: {e!r} / {KeyError('k')} / {IndexError(10, 20)}")
try:
    {}["absent"]
except KeyError as err:
    print(f"{type(err).__name__}: {err}")
