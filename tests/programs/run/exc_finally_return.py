import sys
def f(x):
    try:
        return x
    finally:
        print("finally runs", sys.getrefcount(x))
v = [1, 2]
print(f(v) is v, sys.getrefcount(v))
def g():
    try:
        return [1]
    finally:
        return [2]
print(g())
def h():
    try:
        1 / 0
    finally:
        return "swallowed"
print(h())
