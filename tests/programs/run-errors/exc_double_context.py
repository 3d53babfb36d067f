try:
    raise ValueError("first")
except ValueError:
    try:
        raise TypeError("second")
    except TypeError:
        raise KeyError("third")
