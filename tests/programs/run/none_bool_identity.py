x = None
print(x is None, x == None, x is not None)
t = bool(1)
print(t is True, bool(0) is False, (1 == 1) is True)
l = [None, True, False]
print(l[0] is x, l[1] is t)
def noret():
    pass
print(noret() is None)
