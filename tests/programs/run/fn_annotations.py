# Parameter and return annotations: 3.8/3.9 keep a dict made at def time, 3.10-3.13 a
# tuple of (name, value) pairs (one constant when every value is a constant) that
# becomes a dict on the first read of __annotations__. The annotated class gains a
# reference per function; a function in a cycle takes its annotations with it.
import gc
import sys


class Node:
    pass


print(sys.getrefcount(Node))


def f(x: int, y: str = 'a', *args: float, z: 'Node' = None, **kw: dict) -> Node:
    return x


def g(a, b: 'list') -> None:
    pass


def h(n: Node, m: Node) -> Node:
    return n


print(sys.getrefcount(Node))
print(f(3), g(1, []), sys.getsizeof(f))
print(f.__annotations__)
print(g.__annotations__, len(h.__annotations__))
ann = h.__annotations__
print(ann is h.__annotations__, sys.getrefcount(ann), sys.getsizeof(ann))
print(sys.getrefcount(Node))
del ann, h
print(sys.getrefcount(Node))


def make():
    def inner(x: Node) -> Node:
        return x

    inner.me = inner
    return inner


gc.collect()
k = make()
del k
print(gc.collect())
k = make()
print(len(k.__annotations__))
del k
print(gc.collect())
for n in range(3):
    def local(v: int = n) -> int:
        return v
    print(local(), local.__annotations__)
