def attempt(k):
    try:
        if k == 0:
            raise KeyError("key")
        if k == 1:
            raise IndexError("idx")
        if k == 2:
            raise ZeroDivisionError("zero")
        if k == 3:
            raise ValueError("val")
        raise RuntimeError("rt")
    except LookupError as e:
        return "LookupError: " + repr(e)
    except ArithmeticError as e:
        return "ArithmeticError: " + repr(e)
    except Exception as e:
        return "Exception: " + type(e).__name__
for k in range(5):
    print(attempt(k))
