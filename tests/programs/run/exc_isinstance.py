e = KeyError("k")
print(isinstance(e, KeyError), isinstance(e, LookupError), isinstance(e, Exception))
print(isinstance(e, BaseException), isinstance(e, IndexError), isinstance(e, (ValueError, TypeError)))
print(isinstance(e, (int, LookupError)), isinstance(5, ValueError), isinstance(e, int))
try:
    1 / 0
except Exception as err:
    print(isinstance(err, ArithmeticError), type(err).__name__)
