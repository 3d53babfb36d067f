import sys
class AppError(Exception):
    pass
class ParseError(AppError):
    pass
class Missing(KeyError):
    pass
e = AppError("bad input", 42)
p = ParseError()
m = Missing("key")
print(sys.getsizeof(e), sys.getsizeof(p), sys.getsizeof(m))
print(sys.getsizeof(Exception("x")), sys.getsizeof(AppError), sys.getsizeof(ParseError))
print(e.args, p.args, m.args, sys.getsizeof(e.args), sys.getsizeof(p.args))
print(str(e), repr(e), str(p) == "", repr(p), str(m), repr(m))
print(type(e).__name__, type(p).__name__, isinstance(p, AppError), isinstance(p, Exception))
print(isinstance(m, LookupError), isinstance(m, ValueError), isinstance(e, ParseError))
print(sys.getrefcount(AppError), sys.getrefcount(ParseError), sys.getrefcount(Missing))
del e, p, m
print(sys.getrefcount(AppError), sys.getrefcount(ParseError), sys.getrefcount(Missing))
