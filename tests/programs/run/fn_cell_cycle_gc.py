import gc
import sys
gc.disable()
def make():
    def recurse(n):
        if n == 0:
            return 0
        return recurse(n - 1) + 1
    return recurse(5)
print(gc.collect())
print(make())
print(gc.collect())
def make_pair():
    box = []
    def f():
        return box
    box.append(f)
    return 1
print(make_pair())
print(gc.collect())
