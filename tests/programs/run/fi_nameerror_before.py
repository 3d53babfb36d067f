# A from-imported name is unbound until its statement runs (NameError), then bound.
def f():
    return sqrt(4)

try:
    f()
except NameError as e:
    print("NameError", e)
from math import sqrt
print(f())
