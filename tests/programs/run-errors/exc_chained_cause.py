def parse(s):
    try:
        return [1, 2][int_of(s)]
    except IndexError as e:
        raise ValueError("bad index " + s) from e
def int_of(s):
    return len(s)
print(parse("a"))
print(parse("abc"))
