# Annotated assignments inside functions: only the assignment runs (CPython neither
# evaluates nor stores a local's annotation); `name: T` alone makes name a local and
# does nothing else; `self.x: T = v` stores the attribute.
import sys


class P:
    def __init__(self, x, y):
        self.x: int = x
        self.y = y
        total: int = x + y
        count: int
        count = 1
        self.total: float = total * 1.5 + count


def f(n):
    out: list = []
    for i in range(n):
        item: tuple = (i, [i])
        out.append(item)
    return out


def outer():
    x: int = 1
    y: list

    def inner():
        return x + 1

    y = [inner()]
    return y


p = P(1, 2)
print(p.total, len(f(3)), sys.getsizeof(f(5)), sys.getsizeof(p), outer())
