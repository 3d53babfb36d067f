try:
    try:
        [][0]
    except IndexError:
        raise KeyError("k") from None
except KeyError as e:
    print(repr(e), e.__context__ is not None)
