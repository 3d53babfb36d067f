# `from m import a as b`: the alias is what the program binds; a function's local of the same name shadows it.
from math import sqrt as root
from sys import getsizeof as size
from collections import deque as Queue

def f(x):
    return root(x) + 1

def g():
    root = 10
    return root * 2

print(f(9.0), g())
print(size([]), size({}), size(()))
q = Queue()
q.append(1)
q.appendleft(0)
print(q, size(q) > 0, len(q))
