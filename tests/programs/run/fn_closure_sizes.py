import sys
def none():
    return 0
def make(a, b, c):
    def three():
        return a, b, c
    def one():
        return a
    return three, one
three, one = make(1, 2, 3)
print(sys.getsizeof(none), sys.getsizeof(three), sys.getsizeof(one))
lam = lambda: 0
print(sys.getsizeof(lam))
def defaults(x=1, *, y=2):
    return x + y
print(sys.getsizeof(defaults), defaults(), defaults(3, y=4))
