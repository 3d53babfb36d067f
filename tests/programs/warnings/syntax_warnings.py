x = int("257")
print(257 is x)
print(x is 257, x == 257)
assert (x, "msg")
if x is not 3:
    print("ok")


def f(y):
    return y == "a" or 1 is y is 2 or (y is -1)


print(f(5), (1, 2) is not (1, 2))
print(x is None, x is not True)
assert x, "fine"
